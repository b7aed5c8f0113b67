package org.matterhub.simulators.netdocuments;

import org.matterhub.simulators.common.ControlApi;
import org.matterhub.simulators.common.ControlSupport;
import org.matterhub.simulators.common.DocumentControl;

import java.util.Map;

import static org.matterhub.simulators.common.ControlSupport.body;

/**
 * NetDocuments' routes on the {@code /_control} API (beside the kit's standard and document ones), for demos
 * and manual use. Not part of NetDocuments.
 */
final class NetDocumentsControl {

    private static final DocumentControl.Names NAMES =
            new DocumentControl.Names("key", "clientKey", "matterKey", "firm.user", "destination");

    private NetDocumentsControl() {
    }

    static void register(ControlApi c, NetDocumentsSimulator sim) {
        NetDocumentsSimulatorData data = sim.data();
        c.standard(sim, sim::seedDemoFirm).perMinuteLimit(sim::setRateLimitPerMinute);
        DocumentControl.register(c, data, NAMES);
        c.on("POST", "/documents/*/versions", (ex, s) -> {
            int version = data.addVersion(s[1], ControlSupport.content(body(ex)));
            ex.sendJson(201, Map.of("id", s[1], "version", version));
        });
        c.on("GET", "/log", (ex, s) -> ex.sendJson(200, data.activityLog()));
    }
}
