package org.matterhub.simulators.clio;

import org.matterhub.simulators.common.ControlApi;

import java.util.Map;

import static org.matterhub.simulators.common.ControlSupport.body;
import static org.matterhub.simulators.common.ControlSupport.str;

/**
 * Clio's routes on the {@code /_control} API (beside the kit's standard ones), for demos and manual use.
 * Not part of Clio.
 */
final class ClioControl {

    private ClioControl() {
    }

    static void register(ControlApi c, ClioSimulator sim) {
        c.standard(sim, sim::seedDemoFirm).perMinuteLimit(sim::setRateLimitPerMinute);
        c.on("POST", "/matters/*/status", (ex, s) -> {
            long id = Long.parseLong(s[1]);
            sim.data().updateMatterStatus(id, str(body(ex), "status"));
            ex.sendJson(200, Map.of("data", sim.data().matter(id)));
        });
        c.on("POST", "/webhooks/delivery", (ex, s) -> {
            Object enabled = body(ex).get("enabled");
            if (!(enabled instanceof Boolean)) {
                throw new IllegalArgumentException("enabled must be true or false");
            }
            sim.setWebhookDeliveryEnabled((Boolean) enabled);
            ex.sendJson(200, Map.of("enabled", enabled));
        });
        c.on("GET", "/webhooks", (ex, s) -> ex.sendJson(200, sim.webhooks()));
        ClioConversationControl.register(c, sim);
    }
}
