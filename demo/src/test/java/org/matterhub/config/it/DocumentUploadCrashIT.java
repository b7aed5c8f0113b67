package org.matterhub.config.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.matterhub.config.support.ChildHub;
import org.matterhub.simulators.common.FaultKind;
import org.matterhub.simulators.common.FaultRule;
import org.matterhub.simulators.imanage.ImanageSimulator;
import org.matterhub.simulators.imanage.ImanageSimulatorData;
import org.matterhub.simulators.imanage.ImanageSimulatorOptions;
import org.matterhub.store.embedded.EmbeddedPostgresServer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A client upload is filed into the matter's iManage workspace exactly once although iManage answers 503, is slow,
 * and the hub is killed with SIGKILL while iManage is applying the upload — after the vendor call, before the outbox
 * row's commit — and restarted on the same database; and although a later upload's response is lost. The hub runs
 * in its own JVM; PostgreSQL, the iManage simulator and the S3-compatible store (S3Proxy) outlive it in this one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentUploadCrashIT {

    static final String APP_PASSWORD = "upload-crash";
    static final String BUCKET = "matterhub-crash";
    static final String S3_KEY = "crash-access";
    static final String S3_SECRET = "crash-secret-not-for-production";
    static final String CLIENT = "kate.client@northwind.example";
    static final String ADMIN = "admin@crashfirm.example";
    static final String BOUNDARY = "----matterhub-crash-1";
    static final ObjectMapper JSON = new ObjectMapper();

    EmbeddedPostgresServer pg;
    JdbcTemplate owner;
    ImanageSimulator im;
    ImanageSimulatorData.MatterWorkspace workspace;
    S3Proxy s3;
    BlobStoreContext blobs;
    Map<String, String> props;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final UUID firm = UUID.randomUUID();
    final UUID matter = UUID.randomUUID();

    @BeforeAll
    void setUp() throws Exception {
        pg = EmbeddedPostgresServer.obtain(null, 0);
        Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.ownerUser(), "");
        owner = new JdbcTemplate(new SingleConnectionDataSource(c, true));
        owner.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = 'matterhub_app') then "
                + "create role matterhub_app login password '" + APP_PASSWORD + "'; end if; end $$");
        im = ImanageSimulator.start(ImanageSimulatorOptions.defaults());
        im.registerApp("crash-imanage", "crash-imanage-secret");
        workspace = im.data().createMatterWorkspace("NORTHWIND", "Northwind Holdings Ltd", "00007", "Warehouse lease");

        Path dir = Files.createTempDirectory("matterhub-crash-s3-");
        Files.createDirectories(dir.resolve(BUCKET));
        Properties overrides = new Properties();
        overrides.setProperty("jclouds.filesystem.basedir", dir.toString());
        blobs = ContextBuilder.newBuilder("filesystem").credentials("identity", "credential").overrides(overrides)
                .build(BlobStoreContext.class);
        s3 = S3Proxy.builder().blobStore(blobs.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, S3_KEY, S3_SECRET).build();
        s3.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> "STARTED".equals(s3.getState()));

        props = new HashMap<>();
        props.put("matterhub.clio.client-id", "crash-clio");
        props.put("matterhub.clio.client-secret", "crash-clio-secret");
        props.put("matterhub.dms.imanage-client-id", "crash-imanage");
        props.put("matterhub.dms.imanage-client-secret", "crash-imanage-secret");
        props.put("matterhub.engine.queue-poll-ms", "100");
        props.put("matterhub.store.master-key", "q83vEjRWeJ/JsXEhIjNEVWZ3iJmqu8zd7v8AESIzRFU=");
        props.put("matterhub.storage.endpoint", "http://127.0.0.1:" + s3.getPort());
        props.put("matterhub.storage.bucket", BUCKET);
        props.put("matterhub.storage.access-key", S3_KEY);
        props.put("matterhub.storage.secret-key", S3_SECRET);
        props.put("matterhub.storage.path-style", "true");
    }

    @AfterAll
    void tearDown() throws Exception {
        im.close();
        s3.stop();
        blobs.close();
        EmbeddedPostgresServer.release(pg);
    }

    ChildHub hub(String name) {
        return new ChildHub(pg.jdbcUrl(), pg.ownerUser(), APP_PASSWORD, props, ChildHub.logFile(name).toPath());
    }

    @Test
    void killedWhileIManageAppliesTheUploadItIsFiledExactlyOnce() throws Exception {
        UUID connection;
        UUID first;
        byte[] lease = "Warehouse lease, signed counterpart\nAll 14 pages initialled\n".getBytes(StandardCharsets.UTF_8);
        // ---- first life: connect iManage, upload; iManage answers 503, then is slow; the hub dies mid-delivery
        try (ChildHub hub = hub("upload-crash-1").start()) {
            seedFirm();
            var created = hub.send("POST", "/api/v1/admin/connections/imanage", hub.token(ADMIN),
                    "{\"displayName\":\"iManage\",\"baseUrl\":\"" + im.baseUrl() + "\",\"settings\":{\"library\":\"ACTIVE_US\","
                            + "\"clients\":{\"NORTHWIND\":\"Northwind Holdings Ltd\"}}}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode answer = JSON.readTree(created.body());
            connection = UUID.fromString(answer.get("connectionId").asText());
            var callback = hub.completeAuthorization(created);
            assertThat(callback.statusCode()).as(callback.body()).isEqualTo(200);
            // The workspace as the DMS sync records it (inserted here so the test does not wait for a crawl).
            owner.update("insert into dms_container (firm_id, connection_id, external_id, kind, name, workspace_id, "
                    + "client_number, matter_number) values (?, ?, ?, 'workspace', 'Warehouse lease', ?, 'NORTHWIND', '00007') "
                    + "on conflict do nothing", firm, connection, workspace.workspaceId(), workspace.workspaceId());

            im.faults().add(FaultRule.builder(FaultKind.LATENCY).method("POST").pathRegex("/folders/.*/documents$")
                    .latencyMillis(6000).build());
            im.faults().add(FaultRule.builder(FaultKind.SERVER_ERROR).method("POST").pathRegex("/folders/.*/documents$")
                    .status(503).times(1).build());
            im.clearRequests();
            HttpResponse<String> r = upload(hub, "Signed lease.txt", lease);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            assertThat(JSON.readTree(r.body()).at("/filing/status").asText()).isEqualTo("queued");
            first = UUID.fromString(JSON.readTree(r.body()).at("/document/id").asText());
            // attempt 1: 503 after the delay; attempt 2 looks in the folder, then uploads — and iManage takes its time
            await().atMost(Duration.ofSeconds(60)).until(() -> im.requests().stream().filter(q -> q.method().equals("GET")
                    && q.path().matches(".*/folders/.*/documents")).count() >= 2);
            await("the second upload attempt is in iManage's hands").atMost(Duration.ofSeconds(30))
                    .until(() -> im.requestsInProgress().stream().anyMatch(q -> q.method().equals("POST")
                            && q.path().matches(".*/folders/.*/documents")));
            hub.kill();
        }
        String folder = im.data().folderId(workspace.workspaceId(), "Client uploads");
        assertThat(folder).isNotNull();
        await("iManage finishes the upload the dead hub sent").atMost(Duration.ofSeconds(20))
                .until(() -> im.uploadCount(folder) == 1);
        assertThat(outboxStatus(first)).as("the hub died before its commit").isEqualTo("pending");
        assertThat(owner.queryForObject("select count(*) from dms_document where document_id = ?", Long.class, first)).isZero();

        // ---- second life: the retry finds the document the dead hub created; a lost response later changes nothing
        im.faults().clear();
        try (ChildHub hub = hub("upload-crash-2").start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> "delivered".equals(outboxStatus(first)));
            assertThat(im.uploadCount(folder)).isEqualTo(1);
            assertThat(im.data().documentIdsNamed(folder, "Signed lease")).hasSize(1);
            String dmsId = im.data().documentIdsNamed(folder, "Signed lease").get(0);
            assertThat(im.data().content(dmsId)).isEqualTo(lease);
            assertThat(owner.queryForObject("select external_id from dms_document where document_id = ?", String.class, first))
                    .satisfies(id -> assertThat(dmsId).startsWith(id));
            assertThat(owner.queryForObject("select details->>'reusedEarlierAttempt' from audit_event where action = "
                    + "'document.filed' and subject_id = ?", String.class, first.toString())).isEqualTo("true");

            im.faults().add(FaultRule.of(FaultKind.LOST_RESPONSE, "POST", "/folders/.*/documents$", 1));
            byte[] plan = "Floor plan, unit 4\n".getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> r = upload(hub, "Floor plan.txt", plan);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            UUID second = UUID.fromString(JSON.readTree(r.body()).at("/document/id").asText());
            await().atMost(Duration.ofSeconds(60)).until(() -> "delivered".equals(outboxStatus(second)));
            assertThat(im.data().documentIdsNamed(folder, "Floor plan")).hasSize(1);
            assertThat(im.uploadCount(folder)).isEqualTo(2);
        }
        assertThat(im.data().folderId(workspace.workspaceId(), "Client uploads")).isEqualTo(folder);
        assertThat(owner.queryForObject("select count(*) from dead_letter", Long.class)).isZero();
        assertThat(owner.queryForObject("select count(*) from document where firm_id = ?", Long.class, firm)).isEqualTo(2);
    }

    void seedFirm() {
        owner.update("insert into firm (id, name, slug) values (?, 'Crash Firm', 'crash-upload-firm')", firm);
        owner.update("insert into portal_user (firm_id, email, display_name, kind, firm_role, status) "
                + "values (?, ?, 'Admin', 'firm', 'firm_admin', 'active')", firm, ADMIN);
        UUID org = UUID.randomUUID();
        owner.update("insert into client_org (id, firm_id, name) values (?, ?, 'Northwind Holdings Ltd')", org, firm);
        owner.update("insert into matter (id, firm_id, client_org_id, number, display_number, description, status, "
                + "responsible_attorney_email) values (?, ?, ?, '7', '00007-Northwind', 'Warehouse lease', 'open', ?)",
                matter, firm, org, ADMIN);
        owner.update("insert into portal_user (firm_id, email, display_name, kind, status) values (?, ?, 'Kate Client', "
                + "'client', 'active')", firm, CLIENT);
        owner.update("insert into membership (firm_id, user_id, client_org_id, role) select ?, id, ?, 'org_admin' "
                + "from portal_user where email = ?", firm, org, CLIENT);
    }

    String outboxStatus(UUID documentId) {
        return owner.queryForList("select status from outbox where aggregate_id = ? and kind = 'document.upload'",
                String.class, documentId).stream().findFirst().orElse(null);
    }

    HttpResponse<String> upload(ChildHub hub, String fileName, byte[] content) throws Exception {
        byte[] body = DocumentUploadIT.multipart(fileName, "text/plain", content, Map.of());
        return http.send(HttpRequest.newBuilder(URI.create(hub.baseUrl() + "/api/v1/matters/" + matter + "/documents"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + hub.token(CLIENT))
                .header("Content-Type", "multipart/form-data; boundary=" + DocumentUploadIT.BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
