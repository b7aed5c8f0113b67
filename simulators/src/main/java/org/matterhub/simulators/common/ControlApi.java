package org.matterhub.simulators.common;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

import static org.matterhub.simulators.common.ControlSupport.body;
import static org.matterhub.simulators.common.ControlSupport.intValue;
import static org.matterhub.simulators.common.ControlSupport.str;

/**
 * A simulator's {@code /_control/*} API over HTTP (loopback callers only; not part of any vendor): a table of
 * routes such as {@code on("POST", "/documents/{@literal *}/versions", action)}, where {@code *} matches one path
 * segment, a trailing {@code **} the rest, and method {@code *} any method. Registering the same method and
 * pattern again replaces the action. Request log, fault (with {@code GET /faults/fired}: the count of each fault kind
 * that fired) and hold ({@code POST /holds {"method","pathRegex","phase"}}, {@code POST /holds/{id}/release}) routes
 * are there from the start; {@link #standard}
 * adds health, seed, apps and tokens.
 *
 * <p>Answers: 403 for a caller not on loopback, 404 for an unknown route, 400 {@code {"error":…}} for a bad
 * argument, the vendor's status and body for an {@link ApiError}, 502 when a webhook delivery it triggered failed.
 */
public final class ControlApi {

    public static final String PREFIX = "/_control";

    /** One control action; {@code segments} are the percent-decoded path segments after {@link #PREFIX}. */
    @FunctionalInterface
    public interface Action {
        void run(SimExchange ex, String[] segments) throws Exception;
    }

    /** The operations every simulator offers through {@link #standard}. */
    public interface Target {
        String baseUrl();

        void registerApp(String clientId, String clientSecret);

        void revokeAllTokens();

        void expireAccessTokens();
    }

    private final Map<String, Action> routes = new LinkedHashMap<>();

    ControlApi(SimulatorKit kit) {
        on("GET", "/requests", (ex, s) -> ex.sendJson(200, kit.requests()));
        on("DELETE", "/requests", (ex, s) -> {
            kit.clearRequests();
            ex.sendEmpty(204);
        });
        on("GET", "/faults", (ex, s) -> ex.sendJson(200, kit.faults().describe()));
        on("POST", "/faults", (ex, s) -> {
            FaultRule rule = ControlSupport.faultRule(body(ex));
            kit.faults().add(rule);
            ex.sendJson(201, rule);
        });
        on("DELETE", "/faults", (ex, s) -> {
            kit.faults().clear();
            ex.sendEmpty(204);
        });
        on("GET", "/faults/fired", (ex, s) -> ex.sendJson(200, Map.of("fired", kit.faults().fired(),
                "armed", kit.faults().armed())));
        on("DELETE", "/faults/fired", (ex, s) -> {
            kit.faults().resetCounts();
            ex.sendEmpty(204);
        });
        on("GET", "/holds", (ex, s) -> ex.sendJson(200, kit.holds().describe()));
        on("POST", "/holds", (ex, s) -> {
            Map<String, Object> b = body(ex);
            String phase = ControlSupport.optStr(b, "phase");
            RequestHolds.Hold h = kit.holds().hold(ControlSupport.optStr(b, "method"), str(b, "pathRegex"),
                    phase == null ? RequestHolds.Phase.BEFORE_APPLY : RequestHolds.Phase.valueOf(phase));
            ex.sendJson(201, h.describe());
        });
        on("GET", "/holds/*", (ex, s) -> ex.sendJson(200, hold(kit, s[1]).describe()));
        on("POST", "/holds/*/release", (ex, s) -> {
            hold(kit, s[1]).release();
            ex.sendEmpty(204);
        });
    }

    private static RequestHolds.Hold hold(SimulatorKit kit, String id) {
        try {
            return kit.holds().get(Integer.parseInt(id))
                    .orElseThrow(() -> new IllegalArgumentException("no hold " + id));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("no hold " + id, e);
        }
    }

    static boolean owns(String path) {
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }

    /** Adds (or replaces) a route. */
    public ControlApi on(String method, String pattern, Action action) {
        routes.put(method + " " + pattern, action);
        return this;
    }

    /**
     * Health ({@code {"status":"ok","baseUrl":…}}), {@code POST /seed}, {@code POST /apps},
     * {@code POST /tokens/revoke} and {@code POST /tokens/expire}.
     */
    public ControlApi standard(Target sim, Supplier<Object> seed) {
        on("GET", "/health", (ex, s) -> ex.sendJson(200, Map.of("status", "ok", "baseUrl", sim.baseUrl())));
        on("POST", "/seed", (ex, s) -> ex.sendJson(200, seed.get()));
        on("POST", "/apps", (ex, s) -> {
            Map<String, Object> b = body(ex);
            sim.registerApp(str(b, "clientId"), str(b, "clientSecret"));
            ex.sendJson(201, Map.of("clientId", b.get("clientId")));
        });
        on("POST", "/tokens/revoke", (ex, s) -> {
            sim.revokeAllTokens();
            ex.sendEmpty(204);
        });
        on("POST", "/tokens/expire", (ex, s) -> {
            sim.expireAccessTokens();
            ex.sendEmpty(204);
        });
        return this;
    }

    /** {@code POST /rate-limit {"perMinute":N}} (required), answered with the value set. */
    public ControlApi perMinuteLimit(IntConsumer setLimit) {
        return on("POST", "/rate-limit", (ex, s) -> {
            int perMinute = intValue(body(ex), "perMinute", -1);
            setLimit.accept(perMinute);
            ex.sendJson(200, Map.of("perMinute", perMinute));
        });
    }

    void handle(SimExchange ex) throws Exception {
        if (!ex.fromLoopback()) {
            ex.sendJson(403, Map.of("error", "control API is loopback-only"));
            return;
        }
        String[] s = ControlSupport.segments(ex.path(), PREFIX);
        Action action = find(ex.method(), s);
        if (action == null) {
            ex.sendJson(404, Map.of("error", "unknown control endpoint " + ex.method() + " " + ex.path()));
            return;
        }
        try {
            action.run(ex, s);
        } catch (IllegalArgumentException | IllegalStateException | JsonProcessingException e) {
            ex.sendJson(400, Map.of("error", String.valueOf(e.getMessage())));
        } catch (ApiError e) {
            ex.sendJson(e.status(), e.body());
        } catch (IOException | InterruptedException e) {
            ex.sendJson(502, Map.of("error", "webhook delivery failed: " + e));
        }
    }

    private Action find(String method, String[] s) {
        Action any = null;
        for (Map.Entry<String, Action> route : routes.entrySet()) {
            String key = route.getKey();
            int space = key.indexOf(' ');
            String m = key.substring(0, space);
            if ((m.equals(method) || m.equals("*")) && matches(key.substring(space + 1), s)) {
                if (m.equals(method)) {
                    return route.getValue();
                }
                any = any == null ? route.getValue() : any;
            }
        }
        return any;
    }

    private static boolean matches(String pattern, String[] s) {
        String[] p = pattern.equals("/") ? new String[0] : pattern.substring(1).split("/");
        for (int i = 0; i < p.length; i++) {
            if (p[i].equals("**")) {
                return true;
            }
            if (i >= s.length || !(p[i].equals("*") || p[i].equals(s[i]))) {
                return false;
            }
        }
        return p.length == s.length;
    }
}
