package org.matterhub.simulators.netdocuments;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.matterhub.simulators.common.RecordedRequest;
import org.matterhub.simulators.common.SimExchange;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.matterhub.simulators.netdocuments.NetDocumentsTestClient.json;

/**
 * Requests the test sends and the simulator's responses are validated against the NetDocuments connector
 * swagger, whose host paths are the real API's ({@code api.vault.netvoyage.com}, ND-PP). The document
 * has few response schemas; where it has one (cabinets, lookup rows, workspace info, upload, new version,
 * create folder, lookup PUT) the simulator's body must match it. Extra properties are ignored, as
 * SOURCES.md advises, and so is "a body where the document declares none": most operations declare a 200
 * response with a description only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetDocumentsContractTest {

    private static final String SPEC = "contracts/netdocuments/apiDefinition.swagger.json";

    private OpenApiInteractionValidator validator;
    private NetDocumentsSimulator sim;
    private NetDocumentsTestClient client;
    private NetDocumentsDemoSeed seed;
    private String repo;
    private String cabinet;

    @BeforeAll
    void start() throws Exception {
        String spec;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(SPEC)) {
            spec = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(spec)
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
                        // most operations of the connector swagger declare a 200 without a schema
                        .withLevel("validation.response.body.unexpected", ValidationReport.Level.IGNORE)
                        .build())
                .build();
        sim = NetDocumentsSimulator.start(NetDocumentsSimulatorOptions.builder().rateLimitPerMinute(0).build());
        seed = sim.seedDemoFirm();
        client = new NetDocumentsTestClient(sim).authorize();
        repo = sim.options().repositoryId();
        cabinet = sim.options().cabinetId();
    }

    @AfterAll
    void stop() {
        sim.close();
    }

    /** Validates the last request the simulator recorded together with the response the test received. */
    private void assertConforms(HttpResponse<String> response) {
        List<RecordedRequest> all = sim.requests();
        RecordedRequest rec = all.get(all.size() - 1);
        SimpleRequest.Builder req = new SimpleRequest.Builder(Request.Method.valueOf(rec.method()), rec.path());
        rec.headers().forEach((k, v) -> req.withHeader(k, v));
        SimExchange.parseForm(rec.query()).forEach(req::withQueryParam);
        if (!rec.body().isEmpty()) {
            req.withBody(rec.body());
        }
        SimpleResponse.Builder res = SimpleResponse.Builder.status(response.statusCode());
        response.headers().firstValue("Content-Type").ifPresent(ct -> res.withContentType(ct));
        if (!response.body().isEmpty()) {
            res.withBody(response.body());
        }
        ValidationReport report = validator.validate(req.build(), res.build());
        assertThat(report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR))
                .as(rec.method() + " " + rec.path() + " -> " + response.body()).isEmpty();
        assertThat(response.statusCode()).isBetween(200, 299);
    }

    @Test
    void currentUserInfoMatchesTheSpec() throws Exception {
        HttpResponse<String> info = client.get("/v1/User/info");
        assertConforms(info);
        assertThat(info.body()).contains("\"organization\"");
    }

    @Test
    void cabinetsAttributesAndLookups() throws Exception {
        String ct = "Content-Type";
        assertConforms(client.get("/v1/User/cabinets"));
        assertConforms(client.get("/v1/cabinet/" + cabinet + "/info", ct, "application/json"));
        assertConforms(client.get("/v1/cabinet/" + cabinet + "/customAttributes", ct, "application/json"));
        assertConforms(client.get("/v1/attributes/" + repo + "/1?$orderby=key&$top=50", ct, "application/json"));
        assertConforms(client.get("/v1/attributes/" + repo + "/1/NORTHWIND", ct, "application/json"));
        assertConforms(client.get("/v1/attributes/" + repo + "/2/NORTHWIND/00001", ct, "application/json"));
        assertConforms(client.putJson("/v1/attributes/" + repo + "/1/ACME",
                "{\"description\":\"Acme\",\"hold\":false,\"closed\":\"/Date(1582261200000-0500)/\"}"));
        assertConforms(client.putJson("/v1/attributes/" + repo + "/2/ACME/00100", "{\"description\":\"New\"}"));
        assertConforms(client.get("/v1/Workspace/" + cabinet + "/ACME/00100/info", ct, "application/json"));
    }

    @Test
    void foldersContainersAndDocuments() throws Exception {
        String ws = seed.matters().get(0).workspaceId();
        String portal = seed.matters().get(0).clientPortalFolderId();
        assertConforms(client.postMultipart("/v1/Folder", Map.of("name", "Drafts", "sanitizeName", "true", "parent", ws)));
        assertThat(client.postForm("/v1/Folder", "name=Urlencoded&parent=" + ws).statusCode()).isEqualTo(200);
        assertConforms(client.get("/v1/Folder/" + portal));
        assertConforms(client.get("/v2/container/" + portal + "?select=standardAttributes&top=2&orderby=name%7Casc",
                "Content-Type", "application/json"));

        HttpResponse<String> up = client.upload(portal, "Note.txt", "note".getBytes(), "{\"customAttributes\":[]}");
        assertConforms(up);
        String id = (String) json(up).get("id");
        assertConforms(client.get("/v1/Document/" + id + "/info"));
        assertConforms(client.putJson("/v1/Document/" + id + "/info", "{\"standardAttributes\":{\"name\":\"Note 2\"}}"));
        assertConforms(client.putBytes("/v1/Document/" + id + "/new?extension=txt&official=true", "note v2".getBytes()));
        assertConforms(client.get("/v1/Document/" + id + "/versionList"));
        assertConforms(client.get("/v1/Repository/" + repo + "/log?format=json&Logtype=consolidated",
                "Content-Type", "application/json"));
        assertConforms(client.send(client.api("/v1/Document/" + id).DELETE()));
    }

    @Test
    void specRejectsARequestMissingARequiredParameter() throws Exception {
        client.get("/v2/container/" + seed.matters().get(0).clientPortalFolderId(), "Content-Type", "application/json");
        RecordedRequest rec = sim.requests().get(sim.requests().size() - 1);
        SimpleRequest.Builder req = new SimpleRequest.Builder(Request.Method.GET, rec.path());
        rec.headers().forEach(req::withHeader);
        assertThat(validator.validateRequest(req.build()).hasErrors()).as("select is required by the spec").isTrue();
    }

    @Test
    void everyResponseCheckFindsWhatTheSwaggerForbids() {
        assertThat(NetDocumentsSpec.findings("GET", "/v1/User/cabinets", 200, "application/json", "[{\"id\":5}]"))
                .as("a number where the swagger wants a string").isNotEmpty();
        assertThat(NetDocumentsSpec.findings("GET", "/v1/Nothing/here", 200, "application/json", "{}"))
                .as("a path the swagger lacks, without an allowance").isNotEmpty();
        assertThat(NetDocumentsSpec.findings("GET", "/v1/User/cabinets", 500, "text/plain", "oops"))
                .as("an error body that is no JSON object").isNotEmpty();
        assertThat(NetDocumentsSpec.findings("GET", "/v1/User/cabinets", 302, null, null))
                .as("a status the swagger lacks, without evidence").isNotEmpty();
        assertThat(NetDocumentsSpec.findings("GET", "/v1/User/cabinets", 401, "application/json",
                "{\"error\":\"Unauthorized\",\"message\":\"expired\"}")).as("401: the REST API overview").isEmpty();
    }
}
