package org.matterhub.simulators.imanage;

import org.matterhub.simulators.common.DemoMatters;

import java.util.ArrayList;
import java.util.List;

/** Seeds {@link DemoMatters} into an iManage library (deterministic ids on a fresh simulator). */
final class ImanageDemoFirm {

    private ImanageDemoFirm() {
    }

    static ImanageDemoSeed seed(ImanageSimulatorData data) {
        return seed(data, m -> true);
    }

    /** Seeds only the matters {@code include} accepts (every client is created). */
    static ImanageDemoSeed seed(ImanageSimulatorData data, java.util.function.Predicate<DemoMatters.DemoMatter> include) {
        List<String> clients = new ArrayList<>();
        for (String[] c : DemoMatters.CLIENTS) {
            data.createClient(c[0], c[1]);
            clients.add(c[0]);
        }
        List<ImanageDemoSeed.Matter> matters = new ArrayList<>();
        List<String> documents = new ArrayList<>();
        for (DemoMatters.DemoMatter m : DemoMatters.all()) {
            if (!include.test(m)) {
                continue;
            }
            ImanageSimulatorData.MatterWorkspace ws = data.createMatterWorkspace(m.clientNumber(), m.clientName(),
                    m.matterNumber(), m.description());
            matters.add(new ImanageDemoSeed.Matter(m.clientNumber(), m.matterNumber(), ws.workspaceId(),
                    ws.clientPortalFolderId(), ws.internalFolderId()));
            for (DemoMatters.DemoDocument d : DemoMatters.documentsFor(m)) {
                String folder = d.folder().equals(DemoMatters.CLIENT_PORTAL) ? ws.clientPortalFolderId()
                        : ws.internalFolderId();
                String id = data.putDocument(folder, d.name(), d.extension(), d.versions().get(0), "SCHEN");
                for (int v = 1; v < d.versions().size(); v++) {
                    id = data.addVersion(id, d.versions().get(v));
                }
                documents.add(id);
            }
        }
        return new ImanageDemoSeed(clients, matters, documents);
    }
}
