package org.matterhub.simulators.netdocuments;

import org.matterhub.simulators.common.DemoMatters;

import java.util.ArrayList;
import java.util.List;

/** Seeds {@link DemoMatters} into the NetDocuments cabinet (deterministic ids on a fresh simulator). */
final class NetDocumentsDemoFirm {

    private NetDocumentsDemoFirm() {
    }

    static NetDocumentsDemoSeed seed(NetDocumentsSimulatorData data) {
        return seed(data, m -> true);
    }

    /** Seeds only the matters {@code include} accepts (every client is created). */
    static NetDocumentsDemoSeed seed(NetDocumentsSimulatorData data, java.util.function.Predicate<DemoMatters.DemoMatter> include) {
        List<String> clients = new ArrayList<>();
        for (String[] c : DemoMatters.CLIENTS) {
            data.createClient(c[0], c[1]);
            clients.add(c[0]);
        }
        List<NetDocumentsDemoSeed.Matter> matters = new ArrayList<>();
        List<String> documents = new ArrayList<>();
        for (DemoMatters.DemoMatter m : DemoMatters.all()) {
            if (!include.test(m)) {
                continue;
            }
            NetDocumentsSimulatorData.MatterWorkspace ws = data.createMatterWorkspace(m.clientNumber(),
                    m.clientName(), m.matterNumber(), m.description());
            matters.add(new NetDocumentsDemoSeed.Matter(m.clientNumber(), m.matterNumber(), ws.workspaceId(),
                    ws.clientPortalFolderId(), ws.internalFolderId()));
            for (DemoMatters.DemoDocument d : DemoMatters.documentsFor(m)) {
                String folder = d.folder().equals(DemoMatters.CLIENT_PORTAL) ? ws.clientPortalFolderId()
                        : ws.internalFolderId();
                String id = data.putDocument(folder, d.name(), d.extension(), d.versions().get(0), "s.chen");
                for (int v = 1; v < d.versions().size(); v++) {
                    data.addVersion(id, d.versions().get(v));
                }
                documents.add(id);
            }
        }
        return new NetDocumentsDemoSeed(clients, matters, documents);
    }
}
