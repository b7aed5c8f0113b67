package org.matterhub.simulators.quickbooks;

import org.matterhub.simulators.common.ControlApi;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import static org.matterhub.simulators.common.ControlSupport.body;
import static org.matterhub.simulators.common.ControlSupport.intValue;
import static org.matterhub.simulators.common.ControlSupport.optStr;
import static org.matterhub.simulators.common.ControlSupport.str;

/** QuickBooks' routes on the {@code /_control} API (beside the kit's standard ones). Not part of QuickBooks. */
final class QboControl {

    private QboControl() {
    }

    static void register(ControlApi c, QboSimulator sim) {
        c.standard(sim, sim::seedDemoRealm);
        c.on("GET", "/realms/*/invoices/*/payments", (ex, s) ->
                ex.sendJson(200, Map.of("payments", sim.realm(s[1]).paymentsForInvoice(s[3]))));
        c.on("POST", "/realms/*", (ex, s) -> {
            sim.createRealm(s[1]);
            ex.sendJson(201, Map.of("realmId", s[1]));
        });
        c.on("POST", "/rate-limit", (ex, s) -> {
            Map<String, Object> b = body(ex);
            int perMinute = intValue(b, "perMinute", sim.options().requestsPerMinute());
            int concurrent = intValue(b, "concurrent", sim.options().maxConcurrent());
            sim.setLimits(perMinute, concurrent);
            ex.sendJson(200, Map.of("perMinute", perMinute, "concurrent", concurrent));
        });
        c.on("POST", "/tokens", (ex, s) -> {
            Map<String, Object> b = body(ex);
            var tokens = sim.issueTokens(str(b, "clientId"), str(b, "realmId"));
            ex.sendJson(201, Map.of("access_token", tokens.get(0), "refresh_token", tokens.get(1)));
        });
        c.on("POST", "/webhooks", (ex, s) -> {
            Map<String, Object> b = body(ex);
            String format = optStr(b, "format");
            sim.webhooks().configure(optStr(b, "url"), str(b, "verifierToken"),
                    format == null ? QboWebhooks.Format.LEGACY
                            : QboWebhooks.Format.valueOf(format.toUpperCase(Locale.ROOT)));
            ex.sendJson(200, Map.of("configured", true));
        });
        c.on("GET", "/webhooks", (ex, s) -> ex.sendJson(200, sim.webhooks().sent().stream()
                .map(w -> Map.of("url", w.url(), "body", new String(w.body(), StandardCharsets.UTF_8),
                        "signature", w.signature(), "status", w.status()))
                .toList()));
    }
}
