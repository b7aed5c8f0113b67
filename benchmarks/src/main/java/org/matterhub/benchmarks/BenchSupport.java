package org.matterhub.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.matterhub.config.support.TestHub;
import org.matterhub.simulators.clio.ClioSimulator;
import org.matterhub.simulators.clio.ClioSimulatorData;
import org.matterhub.simulators.clio.ClioSimulatorOptions;
import org.matterhub.simulators.common.RecordedRequest;

/** What the measurements share: the firm admin's connect flow, seeded simulators, percentiles, waiting. */
final class BenchSupport {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The demo firm's admin, who may connect vendor accounts. */
    static final String FIRM_ADMIN = "jwhitaker@harbourlaw.example";
    static final String API_PREFIX = "/api/v4/";

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private BenchSupport() {
    }

    /** A simulator of its own (one Clio account), knowing the hub's OAuth app, with the given records. */
    static ClioSimulator seededSimulator(int matters, int contacts) {
        ClioSimulator sim = ClioSimulator.start(ClioSimulatorOptions.defaults());
        sim.registerApp(TestHub.CLIENT_ID, TestHub.CLIENT_SECRET);
        seed(sim.data(), matters, contacts);
        return sim;
    }

    /**
     * Half the contacts are client companies, half people working for them; matters are spread over the
     * companies (two thirds open, one third closed). Deterministic.
     */
    static void seed(ClioSimulatorData data, int matters, int contacts) {
        int companies = Math.max(1, contacts / 2);
        int people = Math.max(0, contacts - companies);
        long[] companyIds = new long[companies];
        for (int i = 0; i < companies; i++) {
            companyIds[i] = data.createCompany("Bench" + i + " Industries Ltd", "legal@bench" + i + ".example",
                    "+1 312 555 " + String.format("%04d", i % 10_000));
        }
        for (int i = 0; i < people; i++) {
            int company = i % companies;
            data.createPerson("Pat" + i, "Bench" + i, "pat" + i + "@bench" + company + ".example",
                    "+1 312 556 " + String.format("%04d", i % 10_000), companyIds[company]);
        }
        LocalDate opened = LocalDate.of(2023, 1, 2);
        for (int i = 0; i < matters; i++) {
            data.createMatter(companyIds[i % companies], "Benchmark matter " + i + ": supply agreement review",
                    i % 3 == 2 ? "Closed" : "Open", i % 2 == 0 ? "Commercial" : "Litigation",
                    i % 2 == 0 ? "Alex Partner" : "Sam Associate",
                    i % 2 == 0 ? "apartner@harbourlaw.example" : "sassociate@harbourlaw.example",
                    opened.plusDays(i % 700));
        }
    }

    /**
     * The firm admin connects {@code sim} as a new Clio connection, over HTTP, exactly as a browser would:
     * ask the hub, follow Clio's authorize redirect, land on the hub's callback. The hub's scheduled poll then
     * backfills it. Returns the connection id.
     */
    static UUID connect(TestHub hub, ClioSimulator sim, String displayName) {
        try {
            String body = JSON.writeValueAsString(Map.of("displayName", displayName, "baseUrl", sim.baseUrl()));
            HttpResponse<String> created = hub.raw("POST", "/api/v1/admin/connections/clio", hub.token(FIRM_ADMIN),
                    body, "application/json", Map.of());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("Connect request failed: " + created.statusCode() + " " + created.body());
            }
            JsonNode answer = JSON.readTree(created.body());
            HttpResponse<Void> consent = HTTP.send(HttpRequest.newBuilder(URI.create(answer.get("authorizeUrl").asText()))
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
            String callback = consent.headers().firstValue("Location").orElseThrow(() ->
                    new IllegalStateException("Clio's authorize step did not redirect (" + consent.statusCode() + ")"));
            HttpRequest.Builder back = HttpRequest.newBuilder(URI.create(callback)).GET();
            org.matterhub.demo.DemoConnect.flowCookie(created.headers()).ifPresent(c -> back.header("Cookie", c));
            HttpResponse<String> done = HTTP.send(back.build(), HttpResponse.BodyHandlers.ofString());
            if (done.statusCode() != 200) {
                throw new IllegalStateException("OAuth callback failed: " + done.statusCode() + " " + done.body());
            }
            return UUID.fromString(answer.get("connectionId").asText());
        } catch (IOException e) {
            throw new IllegalStateException("Connect flow failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** API requests (not OAuth) the simulator received, oldest first. */
    static List<RecordedRequest> apiRequests(ClioSimulator sim) {
        return sim.requests().stream().filter(r -> r.path().startsWith(API_PREFIX)).toList();
    }

    static void await(String what, Duration atMost, Duration every, BooleanSupplier done) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out after " + atMost.toSeconds() + " s waiting for " + what);
            }
            sleep(every.toMillis());
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }

    /** Nearest-rank percentiles (p50, p95, p99, max) and mean of {@code millis}. */
    static Map<String, Object> percentiles(List<Double> millis) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", millis.size());
        if (millis.isEmpty()) {
            return out;
        }
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        out.put("p50_ms", round(rank(sorted, 0.50), 1));
        out.put("p95_ms", round(rank(sorted, 0.95), 1));
        out.put("p99_ms", round(rank(sorted, 0.99), 1));
        out.put("max_ms", round(sorted[sorted.length - 1], 1));
        out.put("min_ms", round(sorted[0], 1));
        out.put("mean_ms", round(Arrays.stream(sorted).average().orElse(0), 1));
        return out;
    }

    private static double rank(double[] sorted, double p) {
        int idx = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }

    static <T> List<T> copy(List<T> list) {
        return new ArrayList<>(list);
    }

    /** Where a benchmark ran: cores, Java, OS, heap and start time (a report's {@code environment}; callers add to it). */
    static Map<String, Object> environment() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("cores", Runtime.getRuntime().availableProcessors());
        env.put("java", System.getProperty("java.version"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        env.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        env.put("started_at", Instant.now().toString());
        return env;
    }

    /** One phase of a benchmark. */
    interface Measure {
        Map<String, Object> run() throws Exception;
    }

    /** Runs a phase into {@code results} under {@code key}; a failure is logged and reported there. True when it failed. */
    static boolean measure(Map<String, Object> results, String key, Measure m) {
        try {
            results.put(key, m.run());
            return false;
        } catch (Exception | AssertionError e) {
            org.slf4j.LoggerFactory.getLogger(BenchSupport.class).error("Phase {} failed", key, e);
            Map<String, Object> failure = new LinkedHashMap<>();
            failure.put("error", e.toString());
            results.put(key, failure);
            return true;
        }
    }

    /**
     * Ends a benchmark run: writes {@code results} as indented JSON to {@code out}, prints {@code text} (the human
     * report) and the JSON's path, and exits with {@code exitCode} (the hubs' non-daemon threads and the embedded
     * PostgreSQL shutdown hooks must not keep the JVM alive).
     */
    static void finish(java.nio.file.Path out, Map<String, Object> results, String text, int exitCode) throws IOException {
        java.nio.file.Files.createDirectories(out.toAbsolutePath().getParent());
        JSON.copy().enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), results);
        System.out.print(text);
        System.out.println("JSON: " + out.toAbsolutePath());
        System.out.flush();
        System.exit(exitCode);
    }

    /** Throughput of {@code records} processed since {@code startNanos} ({@link System#nanoTime()}). */
    static Map<String, Object> throughput(long records, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("records", records);
        out.put("seconds", round(seconds, 3));
        out.put("records_per_s", round(records / seconds, 1));
        return out;
    }
}
