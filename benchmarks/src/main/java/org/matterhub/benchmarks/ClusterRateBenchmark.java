package org.matterhub.benchmarks;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.matterhub.config.support.ChildHub;
import org.matterhub.config.support.TestHub;
import org.matterhub.simulators.clio.ClioSimulator;
import org.matterhub.simulators.common.RecordedRequest;
import org.matterhub.store.embedded.EmbeddedPostgresServer;

/**
 * Cluster-wide limits: two hub processes (separate JVMs, {@link ChildHub}) on ONE PostgreSQL against ONE Clio
 * simulator whose rate limit is switched on (L requests per minute per access token, Clio's fixed 60-s windows). One
 * connection, so one access token and one limit, which both hubs spend at once: each hub runs its own Quartz scheduler
 * (a scheduler name of its own on the shared job store), so both poll — backfill — the same connection at the same
 * time, the case in which per-process limiters would send twice the vendor's limit. The hubs' page sizes differ
 * (A: 10, B: 12), so every list request the simulator records names the hub that sent it.
 *
 * <p>Reports the 429s (aim: 0) and the share of the allowance the two used together (aim: at least 0.9), computed
 * with the simulator's own window rule ({@link RateLimitBenchmark.Windows}). Bounded: D seconds at L/min, then the
 * simulator revokes the grant and both hubs stop. Options: {@code --rate-limit L} (50), {@code --seconds D} (150),
 * {@code --out FILE} ({@code benchmarks/target/cluster-rate.json}).
 */
public final class ClusterRateBenchmark {

    static final String APP_PASSWORD = "cluster-rate";
    static final String ADMIN = "admin@clusterfirm.example";
    static final int PAGE_A = 10;
    static final int PAGE_B = 12;

    private ClusterRateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int limit = 50;
        int seconds = 150;
        Path out = Path.of("benchmarks/target/cluster-rate.json");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--rate-limit" -> limit = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Map<String, Object> results = run(limit, seconds);
        BenchSupport.finish(out, results,
                BenchSupport.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results) + "\n",
                Boolean.TRUE.equals(results.get("meets_aim")) ? 0 : 1);
    }

    static Map<String, Object> run(int limit, int seconds) throws Exception {
        int records = RateLimitBenchmark.recordsNeeded(limit, seconds, PAGE_A);
        int contacts = Math.max(2, records / 11);
        EmbeddedPostgresServer pg = EmbeddedPostgresServer.obtain(null, 0);
        ClioSimulator sim = BenchSupport.seededSimulator(records - contacts, contacts);
        try (Connection owner = DriverManager.getConnection(pg.jdbcUrl(), pg.ownerUser(), "")) {
            owner.createStatement().execute("do $$ begin if not exists (select 1 from pg_roles where rolname = "
                    + "'matterhub_app') then create role matterhub_app login password '" + APP_PASSWORD + "'; end if; end $$");
            Report.progress("cluster: two hubs, one PostgreSQL, one Clio simulator at %d req/min; backfill of %d records",
                    limit, records);
            try (ChildHub a = hub(pg, "bench-a", PAGE_A).start(); ChildHub b = hub(pg, "bench-b", PAGE_B).start()) {
                UUID firm = UUID.randomUUID();
                exec(owner, "insert into firm (id, name, slug) values (?, 'Cluster Firm', 'cluster-firm')", firm);
                exec(owner, "insert into portal_user (firm_id, email, display_name, kind, firm_role, status) "
                        + "values (?, '" + ADMIN + "', 'Admin', 'firm', 'firm_admin', 'active')", firm);
                sim.setRateLimitPerMinute(limit);
                var created = a.send("POST", "/api/v1/admin/connections/clio", a.token(ADMIN),
                        "{\"displayName\":\"Clio (cluster)\",\"baseUrl\":\"" + sim.baseUrl() + "\"}");
                if (created.statusCode() != 201) {
                    throw new IllegalStateException("connect: " + created.statusCode() + " " + created.body());
                }
                var callback = a.completeAuthorization(created);
                if (callback.statusCode() != 200) {
                    throw new IllegalStateException("callback: " + callback.statusCode() + " " + callback.body());
                }
                BenchSupport.await("the first API request", Duration.ofSeconds(60), Duration.ofMillis(20),
                        () -> !BenchSupport.apiRequests(sim).isEmpty());
                Instant first = BenchSupport.apiRequests(sim).get(0).at();
                Instant end = first.plusSeconds(seconds);
                while (Instant.now().isBefore(end)) {
                    BenchSupport.sleep(Math.min(30_000, Math.max(1, Duration.between(Instant.now(), end).toMillis())));
                    Report.progress("cluster: %d s of %d, %d requests so far", Duration.between(first, Instant.now())
                            .toSeconds(), seconds, BenchSupport.apiRequests(sim).size());
                }
                BenchSupport.sleep(1500);
                List<RecordedRequest> all = BenchSupport.apiRequests(sim);
                long synced = count(owner, "select count(*) from external_ref where entity_type in ('matter', 'contact')");
                long deadLetters = count(owner, "select count(*) from dead_letter");
                Report.progress("cluster: done; revoking the grant so both hubs stop (a re-authorisation ERROR is expected)");
                sim.revokeAllTokens();
                return analyse(limit, seconds, records, first, end, all, synced, deadLetters);
            }
        } finally {
            sim.close();
            EmbeddedPostgresServer.release(pg);
        }
    }

    static Map<String, Object> analyse(int limit, int seconds, int records, Instant first, Instant end,
                                       List<RecordedRequest> all, long synced, long deadLetters) {
        List<RecordedRequest> measured = all.stream().filter(r -> !r.at().isBefore(first) && r.at().isBefore(end)).toList();
        String token = measured.get(0).header("Authorization");
        List<RecordedRequest> ofToken = measured.stream().filter(r -> token.equals(r.header("Authorization"))).toList();
        RateLimitBenchmark.Windows w = RateLimitBenchmark.Windows.of(limit, ofToken, end);
        long tooMany = measured.stream().filter(r -> r.status() == 429).count();
        double utilisation = w.allowance() == 0 ? 0 : w.allowed() / w.allowance();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("hubs", 2);
        out.put("limit_per_minute", limit);
        out.put("seconds", seconds);
        out.put("backfill_records", records);
        out.put("records_synced_when_measured", synced);
        out.put("requests", w.allowed());
        out.put("requests_hub_a", ofToken.stream().filter(r -> pageOf(r, PAGE_A)).count());
        out.put("requests_hub_b", ofToken.stream().filter(r -> pageOf(r, PAGE_B)).count());
        out.put("requests_other", ofToken.stream().filter(r -> !pageOf(r, PAGE_A) && !pageOf(r, PAGE_B)).count());
        out.put("requests_of_other_tokens", measured.size() - ofToken.size());
        out.put("rate_limited_429", tooMany);
        out.put("allowance", BenchSupport.round(w.allowance(), 1));
        out.put("utilisation", BenchSupport.round(utilisation, 3));
        out.put("windows", w.windows());
        out.put("dead_letters", deadLetters);
        out.put("aim", "0 x 429 and utilisation >= 0.9");
        out.put("meets_aim", tooMany == 0 && utilisation >= 0.9);
        return out;
    }

    /** A list request of the hub whose page size is {@code size}. */
    private static boolean pageOf(RecordedRequest r, int size) {
        return r.query() != null && ("&" + r.query() + "&").contains("&limit=" + size + "&");
    }

    private static ChildHub hub(EmbeddedPostgresServer pg, String scheduler, int pageSize) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("matterhub.clio.client-id", TestHub.CLIENT_ID);
        props.put("matterhub.clio.client-secret", TestHub.CLIENT_SECRET);
        props.put("matterhub.clio.page-size", Integer.toString(pageSize));
        props.put("matterhub.clio.poll-interval-ms", "1000");
        props.put("matterhub.clio.request-timeout", "30s");
        props.put("matterhub.clio.webhook-check-interval-ms", "600000");
        props.put("matterhub.store.master-key", "q83vEjRWeJ/JsXEhIjNEVWZ3iJmqu8zd7v8AESIzRFU=");
        props.put("spring.quartz.properties.org.quartz.scheduler.instanceName", scheduler);
        return new ChildHub(pg.jdbcUrl(), pg.ownerUser(), APP_PASSWORD, props, ChildHub.logFile("cluster-" + scheduler).toPath());
    }

    private static void exec(Connection c, String sql, UUID firm) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, firm);
            ps.executeUpdate();
        }
    }

    private static long count(Connection c, String sql) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
