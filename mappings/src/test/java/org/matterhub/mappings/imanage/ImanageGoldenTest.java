package org.matterhub.mappings.imanage;

import static org.matterhub.mappings.GoldenFixtures.assertMatches;
import static org.matterhub.mappings.GoldenFixtures.rows;

import org.junit.jupiter.api.Test;
import org.matterhub.connectors.imanage.ImanageDocument;
import org.matterhub.connectors.imanage.ImanageDocumentParent;
import org.matterhub.connectors.imanage.ImanageFolder;
import org.matterhub.connectors.imanage.ImanageWorkspace;
import org.matterhub.mappings.documents.DmsSettings;

/**
 * Golden fixtures: iManage Work sync-crawl pages (IM-DF), with the {@code FullDocumentProfile}, {@code WorkspaceProfile}
 * and {@code FolderProfile} field names of the connector definition as the simulator serves them, beside the
 * canonical records expected. One test per entity.
 */
class ImanageGoldenTest {

    @Test
    void documentsCrawlBecomesOneProfilePerDocumentAndATombstone() {
        assertMatches(ImanageDocumentMapper.profiles(rows("imanage/documents-crawl.json", ImanageDocument.class),
                DmsSettings.parse("{}")), "imanage/documents-crawl.expected.json");
    }

    @Test
    void workspacesCarryTheirClientAndMatterAliases() {
        assertMatches(rows("imanage/workspaces-crawl.json", ImanageWorkspace.class).stream()
                .map(ImanageContainerMapper::workspace).toList(), "imanage/workspaces-crawl.expected.json");
    }

    @Test
    void foldersKeepTheirParentAndWorkspace() {
        assertMatches(rows("imanage/folders-crawl.json", ImanageFolder.class).stream()
                .map(ImanageContainerMapper::folder).toList(), "imanage/folders-crawl.expected.json");
    }

    @Test
    void documentParentsBecomePlacementsOfTheDocumentWithoutVersion() {
        assertMatches(ImanageContainerMapper.placements(rows("imanage/document-parents-crawl.json",
                ImanageDocumentParent.class)), "imanage/document-parents-crawl.expected.json");
    }
}
