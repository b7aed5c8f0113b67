package org.matterhub.benchmarks;

import java.util.List;
import java.util.Map;

/** Progress lines while running, and the human-readable report at the end. */
final class Report {

    private static final long STARTED = System.nanoTime();

    private Report() {
    }

    static void progress(String format, Object... args) {
        System.out.printf("[bench %6.1f s] %s%n", (System.nanoTime() - STARTED) / 1e9, String.format(format, args));
        System.out.flush();
    }

    @SuppressWarnings("unchecked")
    static String render(Map<String, Object> r) {
        StringBuilder s = new StringBuilder();
        Map<String, Object> env = (Map<String, Object>) r.get("environment");
        s.append("\n==== Matterhub Clio benchmark ====\n");
        s.append(String.format("%s cores, Java %s, %s; run took %s s%n", env.get("cores"), env.get("java"), env.get("os"),
                r.get("total_seconds")));

        if (r.get("backfill") instanceof Map<?, ?> b0) {
            Map<String, Object> b = (Map<String, Object>) b0;
            s.append(String.format("%n1. Backfill throughput: fresh connection, %s matters + %s contacts, no rate limit%n",
                    b.getOrDefault("matters", "?"), b.getOrDefault("contacts", "?")));
            if (b.containsKey("error")) {
                s.append("   FAILED: ").append(b.get("error")).append('\n');
            } else {
                Map<String, Object> p = (Map<String, Object>) b.get("pipeline");
                Map<String, Object> j = (Map<String, Object>) b.get("plain_jdbc");
                Map<String, Object> f = (Map<String, Object>) p.get("fetch_only");
                s.append(String.format("   hub pipeline   %6s records in %7s s = %8s records/s  (%s list requests, %s x 429)%n",
                        p.get("records"), p.get("seconds"), p.get("records_per_s"), p.get("list_requests"), p.get("rate_limited_429")));
                s.append(String.format("   plain JDBC     %6s rows    in %7s s = %8s records/s  (INSERT ... ON CONFLICT, batches of %s,"
                        + " matter + external_ref)%n", j.get("records"), j.get("seconds"), j.get("records_per_s"), j.get("batch_size")));
                s.append(String.format("   ratio pipeline / plain JDBC = %s   (aim >= %s: %s)%n", b.get("ratio_pipeline_to_jdbc"),
                        b.get("aim_ratio"), verdict(b.get("meets_aim"))));
                s.append(String.format("   for scale: fetching + parsing the same pages alone = %s records/s (%s s)%n",
                        f.get("records_per_s"), f.get("seconds")));
                Map<String, Object> h = (Map<String, Object>) b.get("pipeline_without_simulator_time");
                s.append(String.format("   pipeline minus that fetch time (the hub's own share, derived) = %s s = %s records/s,"
                        + " ratio %s%n", h.get("seconds"), h.get("records_per_s"), h.get("ratio_to_jdbc")));
                Map<String, Object> w = (Map<String, Object>) b.get("warm_up");
                s.append(String.format("   warm-up run: pipeline %s records/s, plain JDBC %s records/s%n",
                        w.get("pipeline_records_per_s"), w.get("plain_jdbc_records_per_s")));
            }
        }

        if (r.get("rate_limit") instanceof Map<?, ?> x0) {
            Map<String, Object> x = (Map<String, Object>) x0;
            s.append(String.format("%n2. Rate-limit utilisation: %s req/min per token in simulator and hub, %s s, page size %s%n",
                    x.getOrDefault("limit_per_minute", "?"), x.getOrDefault("seconds", "?"), x.getOrDefault("page_size", "?")));
            if (x.containsKey("error")) {
                s.append("   FAILED: ").append(x.get("error")).append('\n');
            } else {
                s.append(String.format("   requests %s of an allowance of %s = utilisation %s   429s: %s   (aim >= %s and 0: %s)%n",
                        x.get("requests"), x.get("allowance"), x.get("utilisation"), x.get("rate_limited_429"),
                        x.get("aim_utilisation"), verdict(x.get("meets_aim"))));
                StringBuilder ws = new StringBuilder();
                for (Map<String, Object> w : (List<Map<String, Object>>) x.get("windows")) {
                    ws.append(ws.isEmpty() ? "" : ", ").append(w.get("requests")).append(" in ")
                            .append(w.get("seconds_measured")).append(" s");
                }
                s.append("   simulator windows: ").append(ws).append('\n');
                s.append(String.format("   records synced meanwhile: %s; connection errors: %s; dead letters: %s%n",
                        x.get("records_synced_when_measured"), x.get("connection_errors"), x.get("dead_letters")));
                s.append(String.format("   requests of the demo connection (unlimited, same hub) meanwhile: %s%n",
                        x.get("other_connection_requests_meanwhile")));
            }
        }

        if (r.get("webhook") instanceof Map<?, ?> h0) {
            Map<String, Object> h = (Map<String, Object>) h0;
            s.append(String.format("%n3. Webhook propagation: Clio status change -> visible to %s via GET /api/v1/matters/{id}"
                    + " (polled every %s ms)%n", h.get("org_admin"), h.get("observer_poll_every_ms")));
            if (h.containsKey("error")) {
                s.append("   FAILED: ").append(h.get("error")).append('\n');
            } else {
                Map<String, Object> on = (Map<String, Object>) h.get("webhooks_on");
                s.append(String.format("   webhooks on : n=%s  p50 %s ms  p95 %s ms  p99 %s ms  max %s ms  timeouts %s"
                        + "   (aim p99 < 1000 ms: %s)%n", on.get("count"), on.get("p50_ms"), on.get("p95_ms"), on.get("p99_ms"),
                        on.get("max_ms"), on.get("timeouts"), verdict(on.get("meets_aim"))));
                s.append(String.format("                 %s webhook events stored in the inbox for %s changes%n",
                        on.get("inbox_events_stored"), on.get("count")));
                if (h.get("webhooks_off") instanceof Map<?, ?> off0) {
                    Map<String, Object> off = (Map<String, Object>) off0;
                    s.append(String.format("   webhooks off: n=%s  p50 %s ms  max %s ms  timeouts %s   = %s x / %s x the hub's"
                                    + " %s ms poll interval%n", off.get("count"), off.get("p50_ms"), off.get("max_ms"),
                            off.get("timeouts"), off.get("p50_over_poll_interval"), off.get("max_over_poll_interval"),
                            h.get("hub_poll_interval_ms")));
                }
                Map<String, Object> g = (Map<String, Object>) h.get("portal_get_ms");
                Map<String, Object> q = (Map<String, Object>) h.get("portal_get_quiet_ms");
                s.append(String.format("   one portal GET while polling: p50 %s ms, p99 %s ms; on a quiet hub: p50 %s ms, p99 %s ms%n",
                        g.get("p50_ms"), g.get("p99_ms"), q.get("p50_ms"), q.get("p99_ms")));
            }
        }
        s.append('\n');
        return s.toString();
    }

    private static String verdict(Object meets) {
        return Boolean.TRUE.equals(meets) ? "met" : "NOT MET";
    }
}
