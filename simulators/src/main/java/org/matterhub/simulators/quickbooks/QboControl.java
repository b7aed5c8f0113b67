package org.matterhub.simulators.quickbooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.matterhub.simulators.common.ControlSupport;
import org.matterhub.simulators.common.FaultRule;
import org.matterhub.simulators.common.SimExchange;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.matterhub.simulators.common.ControlSupport.body;
import static org.matterhub.simulators.common.ControlSupport.intValue;
import static org.matterhub.simulators.common.ControlSupport.optStr;
import static org.matterhub.simulators.common.ControlSupport.str;

/** {@code /_control/*}: the Java control API over HTTP. Loopback callers only. Not part of QuickBooks. */
final class QboControl {

    static final String PREFIX = "/_control";
    private static final Pattern PAYMENTS = Pattern.compile("^/realms/([^/]+)/invoices/([^/]+)/payments$");
    private static final Pattern REALM = Pattern.compile("^/realms/([^/]+)$");

    private final QboSimulator sim;

    QboControl(QboSimulator sim) {
        this.sim = sim;
    }

    void handle(SimExchange ex) {
        if (!ex.fromLoopback()) {
            ex.sendJson(403, Map.of("error", "control API is loopback-only"));
            return;
        }
        String path = ex.path().substring(PREFIX.length());
        String m = ex.method();
        try {
            Matcher pay = PAYMENTS.matcher(path);
            if (pay.matches() && "GET".equals(m)) {
                ex.sendJson(200, Map.of("payments", sim.realm(pay.group(1)).paymentsForInvoice(pay.group(2))));
                return;
            }
            Matcher realm = REALM.matcher(path);
            if (realm.matches() && "POST".equals(m)) {
                sim.createRealm(realm.group(1));
                ex.sendJson(201, Map.of("realmId", realm.group(1)));
                return;
            }
            switch (m + " " + path) {
                case "GET /health" -> ex.sendJson(200, Map.of("status", "ok", "baseUrl", sim.baseUrl()));
                case "POST /seed" -> ex.sendJson(200, sim.seedDemoRealm());
                case "GET /requests" -> ex.sendJson(200, sim.requests());
                case "DELETE /requests" -> {
                    sim.clearRequests();
                    ex.sendEmpty(204);
                }
                case "GET /faults" -> ex.sendJson(200, sim.faults().describe());
                case "POST /faults" -> {
                    FaultRule rule = ControlSupport.faultRule(body(ex));
                    sim.faults().add(rule);
                    ex.sendJson(201, rule);
                }
                case "DELETE /faults" -> {
                    sim.faults().clear();
                    ex.sendEmpty(204);
                }
                case "POST /rate-limit" -> {
                    Map<String, Object> b = body(ex);
                    int perMinute = intValue(b, "perMinute", sim.options().requestsPerMinute());
                    int concurrent = intValue(b, "concurrent", sim.options().maxConcurrent());
                    sim.setLimits(perMinute, concurrent);
                    ex.sendJson(200, Map.of("perMinute", perMinute, "concurrent", concurrent));
                }
                case "POST /tokens" -> {
                    Map<String, Object> b = body(ex);
                    var tokens = sim.issueTokens(str(b, "clientId"), str(b, "realmId"));
                    ex.sendJson(201, Map.of("access_token", tokens.get(0), "refresh_token", tokens.get(1)));
                }
                case "POST /tokens/revoke" -> {
                    sim.revokeAllTokens();
                    ex.sendEmpty(204);
                }
                case "POST /tokens/expire" -> {
                    sim.expireAccessTokens();
                    ex.sendEmpty(204);
                }
                case "POST /apps" -> {
                    Map<String, Object> b = body(ex);
                    sim.registerApp(str(b, "clientId"), str(b, "clientSecret"));
                    ex.sendJson(201, Map.of("clientId", b.get("clientId")));
                }
                case "POST /webhooks" -> {
                    Map<String, Object> b = body(ex);
                    String format = optStr(b, "format");
                    sim.webhooks().configure(optStr(b, "url"), str(b, "verifierToken"),
                            format == null ? QboWebhooks.Format.LEGACY
                                    : QboWebhooks.Format.valueOf(format.toUpperCase(Locale.ROOT)));
                    ex.sendJson(200, Map.of("configured", true));
                }
                case "GET /webhooks" -> ex.sendJson(200, sim.webhooks().sent().stream()
                        .map(s -> Map.of("url", s.url(), "body", new String(s.body(), java.nio.charset.StandardCharsets.UTF_8),
                                "signature", s.signature(), "status", s.status()))
                        .toList());
                default -> ex.sendJson(404, Map.of("error", "unknown control endpoint " + m + " " + ex.path()));
            }
        } catch (IllegalArgumentException | JsonProcessingException e) {
            ex.sendJson(400, Map.of("error", String.valueOf(e.getMessage())));
        }
    }
}
