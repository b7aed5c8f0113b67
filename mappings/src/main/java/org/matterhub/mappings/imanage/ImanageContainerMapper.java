package org.matterhub.mappings.imanage;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.matterhub.connectors.imanage.ImanageDocumentParent;
import org.matterhub.connectors.imanage.ImanageFolder;
import org.matterhub.connectors.imanage.ImanageWorkspace;
import org.matterhub.mappings.documents.DmsContainer;

/**
 * iManage Work workspaces, folders and document parents → canonical {@link DmsContainer}s and placements. A
 * workspace carries its client and matter aliases in {@code custom1} and {@code custom2} (IM-PP). Pure.
 */
public final class ImanageContainerMapper {

    private ImanageContainerMapper() {
    }

    public static DmsContainer workspace(ImanageWorkspace w) {
        return DmsContainer.workspace(w.id(), w.name(), w.custom1(), w.custom2());
    }

    public static DmsContainer folder(ImanageFolder f) {
        return DmsContainer.folder(f.id(), f.name(), f.parentId(), f.workspaceId());
    }

    /** Document-parents crawl rows → the folders each document ({@code LIB!number}) is filed in. */
    public static Map<String, Set<String>> placements(List<ImanageDocumentParent> rows) {
        Map<String, Set<String>> placements = new LinkedHashMap<>();
        for (ImanageDocumentParent p : rows) {
            if (p.documentKey() != null && p.parentId() != null) {
                placements.computeIfAbsent(p.documentKey(), k -> new LinkedHashSet<>()).add(p.parentId());
            }
        }
        return placements;
    }
}
