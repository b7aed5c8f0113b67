package org.matterhub.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.matterhub.benchmarks.BenchmarkOptions.Measurement;
import org.matterhub.config.support.TestHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Clio benchmarks: the whole hub in this JVM over real HTTP (as {@link TestHub} starts it for the integration
 * tests: embedded PostgreSQL, Clio simulators on loopback, OAuth connect, scheduled polling, webhooks), and three
 * measurements, each bounded in time and traffic:
 * <ol>
 *   <li>backfill throughput of a fresh connection against a plain batched JDBC upsert ({@link BackfillBenchmark});</li>
 *   <li>use of Clio's rate limit by a rate-limited backfill ({@link RateLimitBenchmark});</li>
 *   <li>latency of a Clio change to the portal, with webhooks and by polling alone ({@link WebhookLatencyBenchmark}).</li>
 * </ol>
 * Prints a readable report and writes the figures as JSON (default {@code benchmarks/target/clio-benchmark.json}).
 * See {@code benchmarks/README.md} for the command and what each figure means. Not a test: nothing here asserts
 * on time; the aims are reported as met or not.
 */
public final class ClioBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(ClioBenchmark.class);

    /** The hub's poll interval in these runs (the integration tests' value; production default is 30 s). */
    static final long POLL_INTERVAL_MS = 1000;
    /** Page size of the rate-limit run: many cheap requests. */
    static final int RATE_PAGE_SIZE = 10;

    private ClioBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println(e.getMessage());
            }
            System.err.print(BenchmarkOptions.USAGE);
            System.exit(2);
            return;
        }
        long started = System.nanoTime();
        Map<String, Object> results = new LinkedHashMap<>();
        Map<String, Object> env = BenchSupport.environment();
        results.put("environment", env);
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("matters", options.matters());
        opts.put("rate_limit", options.rateLimit());
        opts.put("rate_seconds", options.rateSeconds());
        opts.put("changes", options.changes());
        opts.put("poll_changes", options.pollChanges());
        opts.put("only", options.only().toString());
        results.put("options", opts);
        boolean failed = false;

        if (options.only().contains(Measurement.BACKFILL) || options.only().contains(Measurement.WEBHOOK)) {
            Report.progress("starting the hub (backfill and webhook runs)");
            TestHub hub = TestHub.start(hubSettings(Map.of()));
            BackfillBenchmark backfill = new BackfillBenchmark(hub);
            try {
                if (options.only().contains(Measurement.BACKFILL)) {
                    failed |= BenchSupport.measure(results, "backfill", () -> backfill.run(options.matters()));
                }
                if (options.only().contains(Measurement.WEBHOOK)) {
                    failed |= BenchSupport.measure(results, "webhook", () -> new WebhookLatencyBenchmark(hub, POLL_INTERVAL_MS)
                            .run(options.changes(), options.pollChanges()));
                }
            } finally {
                Report.progress("stopping the hub");
                hub.close();
                backfill.close();
            }
        }

        if (options.only().contains(Measurement.RATE)) {
            // Its own hub: a small page size and the limit under test are hub-wide settings. Its own PostgreSQL
            // data directory, so the demo bootstrap starts as on a fresh install.
            Report.progress("starting a hub configured with %d req/min and page size %d", options.rateLimit(), RATE_PAGE_SIZE);
            Path data = options.out().toAbsolutePath().getParent().resolve("rate-hub-pg-" + System.currentTimeMillis());
            removeOldDataDirectories(data.getParent());
            TestHub hub = TestHub.start(hubSettings(Map.of(
                    "matterhub.clio.rate-limit-per-minute", Integer.toString(options.rateLimit()),
                    "matterhub.clio.page-size", Integer.toString(RATE_PAGE_SIZE),
                    "matterhub.clio.request-timeout", "30s",
                    "matterhub.store.embedded-data-dir", data.toString())));
            try {
                failed |= BenchSupport.measure(results, "rate_limit", () -> new RateLimitBenchmark(hub, RATE_PAGE_SIZE)
                        .run(options.rateLimit(), options.rateSeconds()));
            } finally {
                Report.progress("stopping the hub");
                hub.close();
            }
        }

        results.put("total_seconds", BenchSupport.round((System.nanoTime() - started) / 1e9, 1));
        BenchSupport.finish(options.out(), results, Report.render(results), failed ? 1 : 0);
    }

    /** Data directories of earlier runs' rate-limit hubs (their PostgreSQL stopped when that JVM exited). */
    private static void removeOldDataDirectories(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var old = Files.list(dir)) {
            for (Path p : old.filter(p -> p.getFileName().toString().startsWith("rate-hub-pg-")).toList()) {
                try (var tree = Files.walk(p)) {
                    for (Path f : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(f);
                    }
                }
            }
        }
    }

    /** The integration tests' hub settings, quieter logs, and the poll interval stated in the report. */
    private static Map<String, String> hubSettings(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>();
        settings.put("matterhub.clio.poll-interval-ms", Long.toString(POLL_INTERVAL_MS));
        settings.put("logging.level.root", "WARN");
        settings.put("logging.level.org.matterhub", "WARN");
        settings.putAll(extra);
        return settings;
    }

}
