package org.matterhub.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.matterhub.config.support.TestHub;
import org.matterhub.simulators.clio.ClioSimulator;
import org.matterhub.simulators.common.RecordedRequest;

/**
 * Figure 2: how much of Clio's rate limit the hub uses, and whether it ever exceeds it. A simulator with a limit
 * of L requests per minute per access token (a fixed 60-s window opened by the token's first request, as Clio's
 * is), a hub configured with the same L and a small page size, and a backfill far larger than D seconds at L/min
 * can fetch. The requests the simulator received in the first D seconds are replayed through the simulator's own
 * window rule to compute the allowance those windows gave.
 */
final class RateLimitBenchmark {

    static final int WINDOW_SECONDS = 60;

    private final TestHub hub;
    private final int pageSize;

    RateLimitBenchmark(TestHub hub, int pageSize) {
        this.hub = hub;
        this.pageSize = pageSize;
    }

    /** Records a backfill needs so that it is still running after {@code seconds} at {@code limit}/min. */
    static int recordsNeeded(int limit, int seconds, int pageSize) {
        long pages = (long) Math.ceil(limit * (seconds / 60.0 + 1) * 1.5);
        return (int) Math.min(200_000, Math.max(500, pages * pageSize));
    }

    Map<String, Object> run(int limit, int seconds) {
        int records = recordsNeeded(limit, seconds, pageSize);
        int contacts = Math.max(2, records / 11);
        int matters = records - contacts;
        ClioSimulator sim = BenchSupport.seededSimulator(matters, contacts);
        try {
            sim.setRateLimitPerMinute(limit);
            Report.progress("rate: %d req/min, %d s, page size %d, backfill of %d records", limit, seconds, pageSize, records);
            UUID connection = BenchSupport.connect(hub, sim, "Bench rate limit " + Long.toString(System.currentTimeMillis(), 36));
            BenchSupport.await("the hub's first request to the rate-limited simulator", Duration.ofSeconds(60),
                    Duration.ofMillis(20), () -> !BenchSupport.apiRequests(sim).isEmpty());
            Instant first = BenchSupport.apiRequests(sim).get(0).at();
            // The demo connection (another Clio account, unlimited) shares the hub's scheduled poll.
            int demoBefore = BenchSupport.apiRequests(hub.clio()).size();
            Instant end = first.plusSeconds(seconds);
            long lastReport = System.nanoTime();
            while (Instant.now().isBefore(end)) {
                BenchSupport.sleep(Math.min(1000, Math.max(1, Duration.between(Instant.now(), end).toMillis())));
                if (System.nanoTime() - lastReport > 30e9) {
                    lastReport = System.nanoTime();
                    Report.progress("rate: %d s of %d, %d requests so far", Duration.between(first, Instant.now()).toSeconds(),
                            seconds, BenchSupport.apiRequests(sim).size());
                }
            }
            BenchSupport.sleep(1500);   // let requests that arrived before the end be recorded
            List<RecordedRequest> all = BenchSupport.apiRequests(sim);
            int demoDuring = BenchSupport.apiRequests(hub.clio()).size() - demoBefore;
            long synced = hub.count("select count(*) from external_ref where connection_id = ? and entity_type in ('matter', 'contact')",
                    connection);
            Map<String, Object> connectionState = hub.query(
                    "select status, error_count, last_error from connection where id = ?", connection).get(0);
            long deadLetters = hub.count("select count(*) from dead_letter where connection_id = ?", connection);
            // Stop the backfill: Clio revokes the grant, the hub marks the connection for re-authorisation.
            Report.progress("rate: done; revoking the simulator's grant to stop the backfill (the hub will log that"
                    + " the connection needs re-authorisation: expected)");
            sim.revokeAllTokens();
            BenchSupport.await("the hub to stop using the revoked connection", Duration.ofSeconds(90), Duration.ofMillis(100),
                    () -> !"active".equals(hub.query("select status from connection where id = ?", connection).get(0).get("status")));
            Map<String, Object> out = analyse(limit, seconds, first, end, all, records, synced, connectionState, deadLetters);
            out.put("other_connection_requests_meanwhile", demoDuring);
            return out;
        } finally {
            sim.close();
        }
    }

    /**
     * Clio's windows as the simulator keeps them for one token: a window opens at the (whole) second of the token's
     * first request after the previous window ended, and lasts 60 s; only allowed requests count against it. The
     * allowance is L per window, pro rata for a window the measurement cuts at {@code end}.
     */
    record Windows(double allowance, long allowed, double secondsFromFirstWindow, List<Map<String, Object>> windows) {

        static Windows of(int limit, List<RecordedRequest> ofToken, Instant end) {
            List<long[]> windows = new ArrayList<>();   // {start epoch second, allowed requests}
            for (RecordedRequest r : ofToken) {
                long sec = r.at().getEpochSecond();
                if (windows.isEmpty() || sec >= windows.get(windows.size() - 1)[0] + WINDOW_SECONDS) {
                    windows.add(new long[] {sec, 0});
                }
                if (r.status() != 429) {
                    windows.get(windows.size() - 1)[1]++;
                }
            }
            double endSec = end.getEpochSecond() + end.getNano() / 1e9;
            double allowance = 0;
            long allowed = 0;
            List<Map<String, Object>> out = new ArrayList<>();
            for (long[] w : windows) {
                double covered = Math.min(WINDOW_SECONDS, endSec - w[0]);
                allowance += limit * covered / WINDOW_SECONDS;
                allowed += w[1];
                Map<String, Object> wo = new LinkedHashMap<>();
                wo.put("start", Instant.ofEpochSecond(w[0]).toString());
                wo.put("seconds_measured", BenchSupport.round(covered, 1));
                wo.put("requests", w[1]);
                out.add(wo);
            }
            return new Windows(allowance, allowed, endSec - (windows.isEmpty() ? endSec : windows.get(0)[0]), out);
        }
    }

    private Map<String, Object> analyse(int limit, int seconds, Instant first, Instant end, List<RecordedRequest> all,
                                        int records, long synced, Map<String, Object> connectionState, long deadLetters) {
        String token = all.get(0).header("Authorization");
        List<RecordedRequest> measured = all.stream()
                .filter(r -> !r.at().isBefore(first) && r.at().isBefore(end)).toList();
        List<RecordedRequest> ofToken = measured.stream().filter(r -> token.equals(r.header("Authorization"))).toList();
        long tooMany = measured.stream().filter(r -> r.status() == 429).count();
        long otherTokens = measured.size() - ofToken.size();

        Windows w = Windows.of(limit, ofToken, end);
        double allowance = w.allowance();
        long allowed = w.allowed();
        List<Map<String, Object>> windowOut = w.windows();
        double fraction = allowance == 0 ? 0 : allowed / allowance;
        double elapsedFromFirstWindow = w.secondsFromFirstWindow();

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("limit_per_minute", limit);
        out.put("seconds", seconds);
        out.put("page_size", pageSize);
        out.put("backfill_records", records);
        out.put("records_synced_when_measured", synced);
        out.put("requests", allowed);
        out.put("rate_limited_429", tooMany);
        out.put("requests_of_other_tokens", otherTokens);
        out.put("allowance", BenchSupport.round(allowance, 1));
        out.put("utilisation", BenchSupport.round(fraction, 3));
        out.put("utilisation_simple", BenchSupport.round(allowed / (limit * elapsedFromFirstWindow / 60.0), 3));
        out.put("windows", windowOut);
        out.put("connection_errors", connectionState.get("error_count"));
        out.put("connection_last_error", connectionState.get("last_error"));
        out.put("dead_letters", deadLetters);
        out.put("aim_utilisation", 0.9);
        out.put("meets_aim", fraction >= 0.9 && tooMany == 0);
        return out;
    }
}
