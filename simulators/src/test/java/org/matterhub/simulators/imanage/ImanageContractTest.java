package org.matterhub.simulators.imanage;

import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.core.models.ParseOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.matterhub.simulators.common.Json;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.matterhub.simulators.imanage.ImanageTestClient.json;
import static org.matterhub.simulators.imanage.ImanageTestClient.list;
import static org.matterhub.simulators.imanage.ImanageTestClient.map;

/**
 * The iManage connector swagger describes the Power Automate facade ({@code /automate/work/...}), whose
 * paths are not the Work API's, so requests cannot be matched to operations. Its definitions
 * {@code FullDocumentProfile}, {@code FolderProfile} and {@code WorkspaceProfile} do carry the Work API
 * profile fields: every profile the simulator serves (GET, lists, uploads, crawl rows) is validated
 * against them, with extra properties ignored (SOURCES.md) and types, enums, patterns and required
 * fields enforced.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImanageContractTest {

    private static final String SPEC = "contracts/imanage/apiDefinition.swagger.json";

    private SchemaValidator validator;
    private OpenAPI api;
    private ImanageSimulator sim;
    private ImanageTestClient client;
    private ImanageDemoSeed seed;

    @BeforeAll
    void start() throws Exception {
        String spec;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(SPEC)) {
            spec = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        api = new OpenAPIParser().readContents(spec, null, options).getOpenAPI();
        validator = new SchemaValidator(api, new MessageResolver(LevelResolver.create()
                .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE).build()));
        sim = ImanageSimulator.start(ImanageSimulatorOptions.defaults());
        seed = sim.seedDemoFirm();
        client = new ImanageTestClient(sim).authorize();
    }

    @AfterAll
    void stop() {
        sim.close();
    }

    private void assertValid(Object body, String definition) {
        Schema<?> schema = api.getComponents().getSchemas().get(definition);
        assertThat(schema).as(definition).isNotNull();
        ValidationReport report = validator.validate(Json.write(body), schema, "response.body");
        assertThat(report.getMessages()).as(definition + " " + Json.write(body)).isEmpty();
    }

    @Test
    void documentProfilesMatchFullDocumentProfile() throws Exception {
        String doc = seed.documentIds().get(0);
        assertValid(map(json(client.get("documents/" + doc)).get("data")), "FullDocumentProfile");
        for (Map<String, Object> v : list(json(client.get("documents/" + seed.documentIds().get(1) + "/versions"))
                .get("data"))) {
            assertValid(v, "FullDocumentProfile");
        }
        Map<String, Object> uploaded = map(json(client.upload("folders/" + seed.matters().get(0).internalFolderId()
                + "/documents", Map.of("name", "Memo"), "memo.docx", new byte[] {1, 2, 3})).get("data"));
        assertValid(uploaded, "FullDocumentProfile");
        for (Map<String, Object> row : client.crawl("documents/crawl", 40, null).rows().subList(0, 40)) {
            assertValid(row, "FullDocumentProfile");
        }
    }

    @Test
    void folderAndWorkspaceProfilesMatchTheirDefinitions() throws Exception {
        String ws = seed.matters().get(5).workspaceId();
        assertValid(map(json(client.get("workspaces/" + ws)).get("data")), "WorkspaceProfile");
        List<Map<String, Object>> folders = list(json(client.get("workspaces/" + ws + "/children")).get("data"));
        for (Map<String, Object> f : folders) {
            assertValid(f, "FolderProfile");
        }
        assertValid(map(json(client.get("folders/" + folders.get(0).get("id"))).get("data")), "FolderProfile");
        for (Map<String, Object> row : client.crawl("workspaces/crawl", 1000, null).rows()) {
            assertValid(row, "WorkspaceProfile");
        }
        for (Map<String, Object> row : client.crawl("folders/crawl", 1000, null).rows()) {
            assertValid(row, "FolderProfile");
        }
    }

    @Test
    void validatorCatchesAWrongType() {
        Map<String, Object> broken = new java.util.LinkedHashMap<>(sim.data().documentProfile(seed.documentIds().get(0)));
        broken.put("version", "three");
        Schema<?> schema = api.getComponents().getSchemas().get("FullDocumentProfile");
        assertThat(validator.validate(Json.write(broken), schema, "response.body").hasErrors()).isTrue();
    }

    @Test
    void everyResponseCheckFindsWhatTheSwaggerForbids() {
        String lib = "/work/api/v2/customers/1/libraries/ACTIVE_US/";
        assertThat(ImanageSpec.findings("GET", lib + "documents/ACTIVE_US!1.1", 200, "{\"data\":{\"version\":\"one\"}}"))
                .as("a string where FullDocumentProfile wants an integer").isNotEmpty();
        assertThat(ImanageSpec.findings("GET", lib + "unknown/thing", 200, "{\"data\":{}}"))
                .as("a path with neither a definition nor evidence").isNotEmpty();
        assertThat(ImanageSpec.findings("GET", lib + "folders/ACTIVE_US!4", 404, "Not here"))
                .as("an error body of another shape").isNotEmpty();
        assertThat(ImanageSpec.findings("GET", lib + "folders/ACTIVE_US!4", 404,
                "{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"folder\"}}")).isEmpty();
    }
}
