package org.matterhub.benchmarks;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.matterhub.demo.DemoConnect;
import org.matterhub.config.support.TestHub;
import org.matterhub.portal.security.EmbeddedIssuer;
import org.matterhub.routes.documents.imanage.ImanageDocumentSync;
import org.matterhub.simulators.common.RecordedRequest;
import org.matterhub.simulators.imanage.ImanageSimulator;
import org.matterhub.simulators.imanage.ImanageSimulatorData;
import org.matterhub.simulators.imanage.ImanageSimulatorOptions;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Backfill of N iManage Work document profiles (metadata; default 100,000) through the hub's whole DMS pipeline — the
 * sync crawl over HTTP from the simulator in pages of 1,000, the connector, matter resolution, the portal's document,
 * version and DMS-profile rows, cursors per page — beside a plain batched JDBC insert of the same rows (one
 * {@code document}, {@code document_version}, {@code dms_document} and {@code dms_placement} row per profile) into the
 * same tables,
 * through the same DataSource and tenancy, in the same JVM and run.
 *
 * <p>The profiles are filed in the "Internal" folders of the demo matters' workspaces (so no content is copied: this
 * measures metadata); the pipeline's time runs from the first crawl request the simulator receives to the end of the
 * poll that finished the crawl. Command and figures: benchmarks/README.md.
 */
public final class DocumentBackfillBenchmark {

    private DocumentBackfillBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int profiles = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path out = Path.of(args.length > 1 ? args[1] : "benchmarks/target/document-backfill-benchmark.json");
        Map<String, Object> results = new LinkedHashMap<>();
        Map<String, Object> env = BenchSupport.environment();
        results.put("environment", env);
        Map<String, String> settings = new HashMap<>();
        settings.put("matterhub.demo.documents", "false");
        // The measured poll is the benchmark's own call; the scheduler must not crawl the same library beside it.
        settings.put("matterhub.dms.poll-interval-ms", "3600000");
        settings.put("logging.level.root", "WARN");
        settings.put("logging.level.org.matterhub", "WARN");
        Report.progress("starting the hub");
        TestHub hub = TestHub.start(settings);
        boolean failed = false;
        try {
            int warm = Math.max(2_000, profiles / 20);
            Report.progress("warm-up: pipeline (%d profiles)", warm);
            Map<String, Object> warmPipeline = pipeline(hub, warm, "warm");
            Report.progress("warm-up: plain JDBC (%d profiles)", warm);
            Map<String, Object> warmJdbc = plainJdbc(hub, warm);
            Report.progress("measuring: pipeline (%d profiles)", profiles);
            Map<String, Object> pipeline = pipeline(hub, profiles, "measured");
            Report.progress("measuring: plain JDBC (%d profiles)", profiles);
            Map<String, Object> plain = plainJdbc(hub, profiles);
            double ratio = (double) pipeline.get("records_per_s") / (double) plain.get("records_per_s");
            Map<String, Object> backfill = new LinkedHashMap<>();
            backfill.put("profiles", profiles);
            backfill.put("pipeline", pipeline);
            backfill.put("plain_jdbc", plain);
            backfill.put("ratio_pipeline_to_jdbc", BenchSupport.round(ratio, 3));
            backfill.put("aim_ratio", 0.5);
            backfill.put("meets_aim", ratio >= 0.5);
            backfill.put("warm_up", Map.of("pipeline_records_per_s", warmPipeline.get("records_per_s"),
                    "plain_jdbc_records_per_s", warmJdbc.get("records_per_s")));
            results.put("document_backfill", backfill);
        } catch (RuntimeException e) {
            failed = true;
            results.put("document_backfill", Map.of("error", e.toString()));
        } finally {
            Report.progress("stopping the hub");
            hub.close();
        }
        BenchSupport.finish(out, results, render(results), failed ? 1 : 0);
    }

    @SuppressWarnings("unchecked")
    private static String render(Map<String, Object> results) {
        Map<String, Object> b = (Map<String, Object>) results.get("document_backfill");
        if (b.containsKey("error")) {
            return "\n==== Matterhub document backfill benchmark ====\nFAILED: " + b.get("error") + "\n";
        }
        Map<String, Object> p = (Map<String, Object>) b.get("pipeline");
        Map<String, Object> j = (Map<String, Object>) b.get("plain_jdbc");
        return String.format("%n==== Matterhub document backfill benchmark ====%n"
                        + "%s iManage profiles: pipeline %s rec/s (%s s, %s crawl requests) vs plain batched JDBC %s rec/s (%s s)%n"
                        + "ratio %s (aim >= 0.5: %s)%n", b.get("profiles"), p.get("records_per_s"), p.get("seconds"),
                p.get("crawl_requests"), j.get("records_per_s"), j.get("seconds"), b.get("ratio_pipeline_to_jdbc"),
                Boolean.TRUE.equals(b.get("meets_aim")) ? "met" : "NOT met");
    }

    /** A fresh iManage library with {@code profiles} documents, connected over OAuth and backfilled by one poll. */
    private static Map<String, Object> pipeline(TestHub hub, int profiles, String label) throws Exception {
        ImanageSimulator sim = ImanageSimulator.start(ImanageSimulatorOptions.defaults());
        try {
            sim.registerApp(TestHub.CLIENT_ID, TestHub.CLIENT_SECRET);
            seed(sim.data(), profiles);
            UUID connection = DemoConnect.connect(DemoConnect.httpClient(), hub.bean(EmbeddedIssuer.class), hub.baseUrl(),
                    "imanage", Map.of("displayName", "Benchmark library " + label + " " + System.nanoTime(),
                            "baseUrl", sim.baseUrl(), "settings", Map.of("clients", Map.of())));
            UUID firm = hub.firmId();
            // The scheduled poll may pick the connection up first; either way the crawl is done when this returns.
            hub.bean(ImanageDocumentSync.class).poll(firm, connection);
            Instant end = Instant.now();
            List<RecordedRequest> crawl = sim.requests().stream().filter(r -> r.path().contains("/sync/")).toList();
            Instant first = crawl.stream().map(RecordedRequest::at).min(Instant::compareTo).orElseThrow();
            long documents = hub.count("select count(*) from dms_document where connection_id = ?", connection);
            long portal = hub.count("select count(*) from document where source_connection_id = ?", connection);
            if (documents != profiles || portal != profiles) {
                throw new IllegalStateException("The backfill left " + documents + " profiles and " + portal
                        + " portal documents; expected " + profiles);
            }
            Tenancy tenancy = hub.bean(Tenancy.class);
            ConnectionRepository connections = hub.bean(ConnectionRepository.class);
            tenancy.writeVoid(TenantScope.system(firm), () -> connections.setStatus(connection, "paused"));
            double seconds = BenchSupport.seconds(first, end);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("records", documents);
            out.put("seconds", BenchSupport.round(seconds, 3));
            out.put("records_per_s", BenchSupport.round(documents / seconds, 1));
            out.put("crawl_requests", crawl.size());
            out.put("api_requests", sim.requests().size());
            return out;
        } finally {
            sim.close();
        }
    }

    /** Profiles spread over the demo's matter numbers (so every one resolves), in "Internal" folders. */
    private static void seed(ImanageSimulatorData data, int profiles) {
        List<String> folders = new ArrayList<>();
        for (int m = 1; m <= 48; m++) {
            String matter = String.format("%05d", m);
            folders.add(data.createMatterWorkspace("NORTHWIND", "Northwind Holdings Ltd", matter, "Matter " + matter)
                    .internalFolderId());
        }
        byte[] bytes = "profile".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < profiles; i++) {
            data.putDocument(folders.get(i % folders.size()), "Working paper " + i, "txt", bytes);
        }
    }

    /** The same rows, written by batched JDBC inserts in one transaction per 1,000 profiles. */
    private static Map<String, Object> plainJdbc(TestHub hub, int profiles) {
        Tenancy tenancy = hub.bean(Tenancy.class);
        JdbcTemplate jdbc = hub.jdbc();
        UUID firm = hub.firmId();
        UUID connection = tenancy.read(TenantScope.system(firm), () -> jdbc.queryForObject(
                "select id from connection where vendor = 'imanage' order by created_at limit 1", UUID.class));
        List<UUID> matters = tenancy.read(TenantScope.system(firm), () -> jdbc.queryForList(
                "select id from matter order by display_number", UUID.class));
        String run = Long.toString(System.nanoTime(), 36);
        long start = System.nanoTime();
        for (int from = 0; from < profiles; from += 1000) {
            int to = Math.min(profiles, from + 1000);
            List<Object[]> docs = new ArrayList<>();
            List<Object[]> versions = new ArrayList<>();
            List<Object[]> dms = new ArrayList<>();
            List<Object[]> placements = new ArrayList<>();
            Timestamp now = Timestamp.from(Instant.now());
            for (int i = from; i < to; i++) {
                UUID id = UUID.randomUUID();
                UUID matter = matters.get(i % matters.size());
                docs.add(new Object[] {id, firm, matter, "Working paper " + i, "general", "internal", "imanage", connection,
                        "Internal", 1});
                versions.add(new Object[] {firm, id, 1, 1, "Working paper " + i + ".txt", "text/plain", 7L, now});
                dms.add(new Object[] {firm, connection, "BENCH-" + run + "!" + i, id, "Working paper " + i, "txt",
                        "Internal", "NORTHWIND", String.format("%05d", i % 48 + 1), "DOC", 1, "resolved", now});
                placements.add(new Object[] {firm, connection, "BENCH-" + run + "!" + i, "BENCH-FOLDER-" + (i % 48)});
            }
            tenancy.writeVoid(TenantScope.system(firm), () -> {
                jdbc.batchUpdate("insert into document (id, firm_id, matter_id, title, category, state, source_system, "
                        + "source_connection_id, dms_folder, current_version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", docs);
                jdbc.batchUpdate("insert into document_version (firm_id, document_id, version_number, source_version, "
                        + "file_name, content_type, size_bytes, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)", versions);
                jdbc.batchUpdate("insert into dms_document (firm_id, connection_id, external_id, document_id, title, "
                        + "file_extension, folder_name, client_number, matter_number, profile_class, latest_version, "
                        + "resolution, source_updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", dms);
                jdbc.batchUpdate("insert into dms_placement (firm_id, connection_id, document_external_id, folder_id) "
                        + "values (?, ?, ?, ?)", placements);
            });
        }
        return BenchSupport.throughput(profiles, start);
    }
}
