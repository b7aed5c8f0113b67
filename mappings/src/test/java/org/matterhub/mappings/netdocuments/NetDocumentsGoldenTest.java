package org.matterhub.mappings.netdocuments;

import static org.matterhub.mappings.GoldenFixtures.as;
import static org.matterhub.mappings.GoldenFixtures.assertMatches;
import static org.matterhub.mappings.GoldenFixtures.rows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.matterhub.connectors.netdocuments.NetDocumentsItem;
import org.matterhub.connectors.netdocuments.NetDocumentsVersion;
import org.matterhub.mappings.documents.DmsSettings;

/**
 * Golden fixtures: NetDocuments profiles ({@code standardAttributes}, {@code customAttributes}), a
 * {@code versionList} and workspace and folder {@code info} bodies as the simulator serves them (the spec in
 * {@code vendor-contracts/netdocuments} leaves the response fields out), beside the canonical records expected.
 */
class NetDocumentsGoldenTest {

    private final NetDocumentsItem document = as("netdocuments/document-profile.json", NetDocumentsItem.class);

    @Test
    void aCandidatesProfileWithItsVersionHistory() {
        DmsSettings settings = DmsSettings.parse("{\"categoryField\": \"7\"}");
        assertMatches(NetDocumentsDocumentMapper.profile(document, settings,
                rows("netdocuments/version-list.json", NetDocumentsVersion.class)),
                "netdocuments/document-with-history.expected.json");
    }

    @Test
    void aProfileWithoutHistoryRecordsItsOfficialVersion() {
        assertMatches(NetDocumentsDocumentMapper.profile(document, DmsSettings.parse("{}"), List.of()),
                "netdocuments/document-official.expected.json");
    }

    @Test
    void aWorkspaceIsFiledUnderItsClientAndMatterKeys() {
        assertMatches(NetDocumentsContainerMapper.workspace(as("netdocuments/workspace-info.json", NetDocumentsItem.class),
                "CEDARPINE", "00003"), "netdocuments/workspace.expected.json");
    }

    @Test
    void aFolderInfoNamesItsParentAndWorkspace() {
        assertMatches(NetDocumentsContainerMapper.folder(as("netdocuments/folder-info.json", NetDocumentsItem.class)),
                "netdocuments/folder.expected.json");
    }

    /** Met while listing its parent in its workspace, the same folder is the same container as its info describes. */
    @Test
    void aFolderMetInAListingIsTheFolderItsInfoDescribes() {
        assertMatches(NetDocumentsContainerMapper.folder(as("netdocuments/folder-info.json", NetDocumentsItem.class),
                "4821-7730-1000", "4821-7730-1000"), "netdocuments/folder.expected.json");
    }
}
