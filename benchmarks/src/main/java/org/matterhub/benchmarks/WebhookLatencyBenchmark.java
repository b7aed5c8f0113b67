package org.matterhub.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.matterhub.config.support.TestHub;
import org.matterhub.simulators.clio.ClioSimulator;

/**
 * Figure 3: how long a matter status changed in Clio takes to show in the portal. The demo connection, with its
 * webhook subscriptions, on the demo simulator; a change is made in the simulator (as a firm user would) and
 * {@code GET /api/v1/matters/{id}} is polled every 5 ms as the client's org admin until it shows the new status.
 * Changes go one at a time, alternating Open/Closed over several matters. Then the same with webhook delivery
 * off, where only the hub's incremental poll can find the change.
 */
final class WebhookLatencyBenchmark {

    static final String ORG_ADMIN = "gc@northwind.example";
    static final String CLIENT_COMPANY = "Northwind Holdings Ltd";
    static final long POLL_EVERY_MS = 5;
    static final long GIVE_UP_MS = 15_000;
    static final int MATTERS = 5;

    private final TestHub hub;
    private final ClioSimulator clio;
    private final long pollIntervalMs;
    private final Random random = new Random(42);

    WebhookLatencyBenchmark(TestHub hub, long pollIntervalMs) {
        this.hub = hub;
        this.clio = hub.clio();
        this.pollIntervalMs = pollIntervalMs;
    }

    Map<String, Object> run(int changes, int pollChanges) {
        UUID demoConnection = (UUID) hub.query("select id from connection where vendor = 'clio' and display_name = ?",
                "Clio (simulator)").get(0).get("id");
        List<long[]> targets = new ArrayList<>();   // {clio id}
        List<UUID> locals = new ArrayList<>();
        for (long id : clio.data().matterIds()) {
            Map<String, Object> m = clio.data().matter(id);
            @SuppressWarnings("unchecked") Map<String, Object> client = (Map<String, Object>) m.get("client");
            if (client != null && CLIENT_COMPANY.equals(client.get("name")) && !"Pending".equals(m.get("status"))) {
                var rows = hub.query("select local_id from external_ref where connection_id = ? and entity_type = 'matter' "
                        + "and external_id = ?", demoConnection, Long.toString(id));
                if (!rows.isEmpty()) {
                    targets.add(new long[] {id});
                    locals.add((UUID) rows.get(0).get("local_id"));
                }
            }
            if (targets.size() == MATTERS) {
                break;
            }
        }
        if (targets.isEmpty()) {
            throw new IllegalStateException("No synced matter of " + CLIENT_COMPANY + " in the demo");
        }
        String token = hub.token(ORG_ADMIN);
        long inboxBefore = hub.count("select count(*) from inbox");

        // For scale: the observer's GET on a quiet hub (no change in flight).
        List<Double> idleGets = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            long g0 = System.nanoTime();
            statusOf(locals.get(i % locals.size()), token);
            idleGets.add((System.nanoTime() - g0) / 1e6);
        }

        Report.progress("webhook: %d status changes with webhooks on", changes);
        List<Double> getMillis = new ArrayList<>();
        Series on = series(changes, targets, locals, token, 0, getMillis);
        long inboxAfter = hub.count("select count(*) from inbox");

        Series off = null;
        if (pollChanges > 0) {
            Report.progress("webhook: %d status changes with webhooks off (poll every %d ms)", pollChanges, pollIntervalMs);
            clio.setWebhookDeliveryEnabled(false);
            try {
                // A random pause before each change, so changes land at random points of the poll cycle.
                off = series(pollChanges, targets, locals, token, pollIntervalMs, new ArrayList<>());
            } finally {
                clio.setWebhookDeliveryEnabled(true);
            }
        }

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("org_admin", ORG_ADMIN);
        out.put("matters", targets.size());
        out.put("observer_poll_every_ms", POLL_EVERY_MS);
        out.put("hub_poll_interval_ms", pollIntervalMs);
        Map<String, Object> onOut = BenchSupport.percentiles(on.millis);
        onOut.put("timeouts", on.timeouts);
        onOut.put("inbox_events_stored", inboxAfter - inboxBefore);
        onOut.put("aim_p99_ms", 1000);
        onOut.put("meets_aim", on.timeouts == 0 && !on.millis.isEmpty()
                && (double) onOut.get("p99_ms") < 1000);
        out.put("webhooks_on", onOut);
        out.put("portal_get_ms", BenchSupport.percentiles(getMillis));
        out.put("portal_get_quiet_ms", BenchSupport.percentiles(idleGets));
        if (off != null) {
            Map<String, Object> offOut = BenchSupport.percentiles(off.millis);
            offOut.put("timeouts", off.timeouts);
            if (!off.millis.isEmpty()) {
                offOut.put("p50_over_poll_interval", BenchSupport.round((double) offOut.get("p50_ms") / pollIntervalMs, 2));
                offOut.put("max_over_poll_interval", BenchSupport.round((double) offOut.get("max_ms") / pollIntervalMs, 2));
            }
            out.put("webhooks_off", offOut);
        }
        return out;
    }

    private record Series(List<Double> millis, int timeouts) {
    }

    private Series series(int changes, List<long[]> targets, List<UUID> locals, String token, long maxPauseMs,
                          List<Double> getMillis) {
        List<Double> millis = new ArrayList<>(changes);
        int timeouts = 0;
        for (int i = 0; i < changes; i++) {
            int k = i % targets.size();
            long clioId = targets.get(k)[0];
            UUID local = locals.get(k);
            String now = (String) clio.data().matter(clioId).get("status");
            String next = "Open".equals(now) ? "Closed" : "Open";
            String expected = next.toLowerCase(Locale.ROOT);
            if (maxPauseMs > 0) {
                BenchSupport.sleep(random.nextInt((int) maxPauseMs + 1));
            }
            long t0 = System.nanoTime();
            clio.data().updateMatterStatus(clioId, next);
            Double seen = null;
            while ((System.nanoTime() - t0) / 1_000_000 < GIVE_UP_MS) {
                long g0 = System.nanoTime();
                String status = statusOf(local, token);
                long g1 = System.nanoTime();
                getMillis.add((g1 - g0) / 1e6);
                if (expected.equals(status)) {
                    seen = (g1 - t0) / 1e6;
                    break;
                }
                long wait = POLL_EVERY_MS - (System.nanoTime() - g0) / 1_000_000;
                if (wait > 0) {
                    BenchSupport.sleep(wait);
                }
            }
            if (seen == null) {
                timeouts++;
            } else {
                millis.add(seen);
            }
        }
        return new Series(millis, timeouts);
    }

    private String statusOf(UUID matter, String token) {
        HttpResponse<String> r = hub.raw("GET", "/api/v1/matters/" + matter, token, null, null, Map.of());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET /api/v1/matters/" + matter + " answered " + r.statusCode() + " " + r.body());
        }
        try {
            JsonNode view = BenchSupport.JSON.readTree(r.body());
            return view.path("status").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
