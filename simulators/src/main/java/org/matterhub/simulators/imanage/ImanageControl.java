package org.matterhub.simulators.imanage;

import org.matterhub.simulators.common.ControlApi;
import org.matterhub.simulators.common.ControlSupport;
import org.matterhub.simulators.common.DocumentControl;

import java.util.Map;

import static org.matterhub.simulators.common.ControlSupport.body;
import static org.matterhub.simulators.common.ControlSupport.str;

/**
 * iManage's routes on the {@code /_control} API (beside the kit's standard and document ones), for demos and
 * manual use. Not part of iManage. Ids in paths may be percent-encoded ({@code ACTIVE_US%2110001.1}).
 */
final class ImanageControl {

    private static final DocumentControl.Names NAMES =
            new DocumentControl.Names("id", "clientId", "matterId", "FIRMUSER", "folderId");

    private ImanageControl() {
    }

    static void register(ControlApi c, ImanageSimulator sim) {
        ImanageSimulatorData data = sim.data();
        c.standard(sim, sim::seedDemoFirm).perMinuteLimit(sim::setRateLimitPerMinute);
        DocumentControl.register(c, data, NAMES);
        c.on("GET", "/health", (ex, s) -> ex.sendJson(200, Map.of("status", "ok", "baseUrl", sim.baseUrl(),
                "libraryUrl", sim.libraryUrl())));
        c.on("POST", "/documents/*/versions", (ex, s) ->
                ex.sendJson(201, Map.of("id", data.addVersion(s[1], ControlSupport.content(body(ex))))));
        c.on("POST", "/users", (ex, s) -> {
            Map<String, Object> b = body(ex);
            sim.registerUser(str(b, "username"), str(b, "password"));
            ex.sendJson(201, Map.of("username", b.get("username")));
        });
    }
}
