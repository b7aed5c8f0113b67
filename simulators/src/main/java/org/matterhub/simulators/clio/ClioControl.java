package org.matterhub.simulators.clio;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.matterhub.simulators.common.FaultKind;
import org.matterhub.simulators.common.FaultRule;
import org.matterhub.simulators.common.Json;
import org.matterhub.simulators.common.SimExchange;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /_control/*}: the Java control API over HTTP, for demos and manual use. Loopback callers only.
 * Not part of Clio.
 */
final class ClioControl {

    static final String PREFIX = "/_control";
    private static final Pattern MATTER_STATUS = Pattern.compile("^/matters/(\\d+)/status$");

    private final ClioSimulator sim;

    ClioControl(ClioSimulator sim) {
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
            Matcher status = MATTER_STATUS.matcher(path);
            if (status.matches() && "POST".equals(m)) {
                long id = Long.parseLong(status.group(1));
                sim.data().updateMatterStatus(id, str(body(ex), "status"));
                ex.sendJson(200, Map.of("data", sim.data().matter(id)));
                return;
            }
            switch (m + " " + path) {
                case "GET /health" -> ex.sendJson(200, Map.of("status", "ok", "baseUrl", sim.baseUrl()));
                case "POST /seed" -> ex.sendJson(200, sim.seedDemoFirm());
                case "GET /requests" -> ex.sendJson(200, sim.requests());
                case "DELETE /requests" -> {
                    sim.clearRequests();
                    ex.sendEmpty(204);
                }
                case "GET /faults" -> ex.sendJson(200, sim.faults().describe());
                case "POST /faults" -> {
                    FaultRule rule = faultRule(body(ex));
                    sim.faults().add(rule);
                    ex.sendJson(201, rule);
                }
                case "DELETE /faults" -> {
                    sim.faults().clear();
                    ex.sendEmpty(204);
                }
                case "POST /rate-limit" -> {
                    int perMinute = intValue(body(ex), "perMinute", -1);
                    sim.setRateLimitPerMinute(perMinute);
                    ex.sendJson(200, Map.of("perMinute", perMinute));
                }
                case "POST /tokens/revoke" -> {
                    sim.revokeAllTokens();
                    ex.sendEmpty(204);
                }
                case "POST /tokens/expire" -> {
                    sim.expireAccessTokens();
                    ex.sendEmpty(204);
                }
                case "POST /webhooks/delivery" -> {
                    Object enabled = body(ex).get("enabled");
                    if (!(enabled instanceof Boolean)) {
                        throw new IllegalArgumentException("enabled must be true or false");
                    }
                    sim.setWebhookDeliveryEnabled((Boolean) enabled);
                    ex.sendJson(200, Map.of("enabled", enabled));
                }
                case "GET /webhooks" -> ex.sendJson(200, sim.webhooks());
                case "POST /apps" -> {
                    Map<String, Object> b = body(ex);
                    sim.registerApp(str(b, "clientId"), str(b, "clientSecret"));
                    ex.sendJson(201, Map.of("clientId", b.get("clientId")));
                }
                default -> ex.sendJson(404, Map.of("error", "unknown control endpoint " + m + " " + ex.path()));
            }
        } catch (IllegalArgumentException | JsonProcessingException e) {
            ex.sendJson(400, Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    /** Parses a JSON {@link FaultRule}; unset fields take the builder's defaults. */
    static FaultRule faultRule(Map<String, Object> b) {
        Object kind = b.get("kind");
        if (!(kind instanceof String)) {
            throw new IllegalArgumentException("kind is required: one of " + java.util.Arrays.toString(FaultKind.values()));
        }
        FaultRule.Builder r = FaultRule.builder(FaultKind.valueOf(((String) kind).toUpperCase(Locale.ROOT)));
        if (b.get("method") != null) {
            r.method(str(b, "method"));
        }
        if (b.get("pathRegex") != null) {
            r.pathRegex(str(b, "pathRegex"));
        }
        if (b.get("times") != null) {
            r.times(intValue(b, "times", -1));
        }
        if (b.get("probability") != null) {
            r.probability(((Number) b.get("probability")).doubleValue());
        }
        if (b.get("latencyMillis") != null) {
            r.latencyMillis(((Number) b.get("latencyMillis")).longValue());
        }
        if (b.get("status") != null) {
            r.status(intValue(b, "status", 0));
        }
        if (b.get("retryAfterSeconds") != null) {
            r.retryAfterSeconds(intValue(b, "retryAfterSeconds", 0));
        }
        return r.build();
    }

    private static Map<String, Object> body(SimExchange ex) throws JsonProcessingException {
        if (ex.body().isBlank()) {
            return new LinkedHashMap<>();
        }
        return Json.parseObject(ex.body());
    }

    private static String str(Map<String, Object> b, String key) {
        Object v = b.get(key);
        if (!(v instanceof String)) {
            throw new IllegalArgumentException(key + " must be a string");
        }
        return (String) v;
    }

    private static int intValue(Map<String, Object> b, String key, int dflt) {
        Object v = b.get(key);
        if (v == null) {
            if (dflt < 0) {
                throw new IllegalArgumentException(key + " is required");
            }
            return dflt;
        }
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException(key + " must be a number");
        }
        return ((Number) v).intValue();
    }
}
