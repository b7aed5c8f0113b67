package org.matterhub.simulators.imanage;

import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.core.models.ParseOptions;
import org.matterhub.simulators.common.Json;
import org.matterhub.simulators.common.SpecCheck;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every response an iManage simulator test receives ({@link ImanageTestClient} sends them all) is checked against the
 * iManage connector swagger (IM-PP). That swagger describes the Power Automate facade, whose paths are not the Work
 * API's, so each Work API path is mapped here to the definition its {@code data} carries ({@code FullDocumentProfile},
 * {@code FolderProfile}, {@code WorkspaceProfile}, {@code SearchWorkspaceResult}); a path whose answer no definition
 * describes names its evidence instead (simulators/README.md, "Spec validation"). A path in neither list fails.
 * The swagger declares no error response at all: every 4xx/5xx body must be {@code {"error":{"code","message"}}}
 * (API) or RFC 6749's {@code {"error":"…"}} (token endpoint), the shapes VENDORS.md §2.4 records. Extra properties
 * are ignored (SOURCES.md); types, enums, patterns and required fields are enforced.
 */
final class ImanageSpec {

    private static final String SPEC = "contracts/imanage/apiDefinition.swagger.json";
    private static final String LIB = "/(?:work/)?api/v2/customers/[^/]+/libraries/[^/]+/";
    private static final String ID = "[^/]+";

    /** What a path's successful answer is checked against: a definition (for one or a list) or named evidence. */
    record Rule(Pattern methodPath, String definition, boolean list, String evidence) {
        static Rule one(String methodPath, String definition) {
            return new Rule(Pattern.compile(methodPath), definition, false, null);
        }

        static Rule many(String methodPath, String definition) {
            return new Rule(Pattern.compile(methodPath), definition, true, null);
        }

        static Rule none(String methodPath, String evidence) {
            return new Rule(Pattern.compile(methodPath), null, false, evidence);
        }
    }

    static final List<Rule> RULES = List.of(
            Rule.one("(GET|PATCH) " + LIB + "documents/" + ID, "FullDocumentProfile"),
            Rule.many("GET " + LIB + "(documents/" + ID + "/versions|folders/" + ID + "/documents)", "FullDocumentProfile"),
            Rule.one("POST " + LIB + "(documents/" + ID + "/versions|folders/" + ID + "/documents)", "FullDocumentProfile"),
            Rule.many("POST " + LIB + "sync/documents/crawl", "FullDocumentProfile"),
            Rule.many("(GET|POST) " + LIB + "workspaces/search", "SearchWorkspaceResult"),
            Rule.one("GET " + LIB + "workspaces/" + ID, "WorkspaceProfile"),
            Rule.many("POST " + LIB + "sync/workspaces/crawl", "WorkspaceProfile"),
            Rule.one("(GET " + LIB + "folders/" + ID + "|POST " + LIB + "workspaces/" + ID + "/folders)", "FolderProfile"),
            Rule.many("GET " + LIB + "(workspaces|folders)/" + ID + "/children", "FolderProfile"),
            Rule.many("POST " + LIB + "sync/folders/crawl", "FolderProfile"),
            Rule.none("POST " + LIB + "sync/documents/parents/search",
                    "IM-DF (iManage sync API client): {\"data\":[…],\"cursor\"}; the facade has no such operation"),
            Rule.none("GET " + LIB + "customs/custom[12](/" + ID + ")?",
                    "IM-MK, IM-SC (custom1/custom2 lookups); the facade has no definition for them"),
            Rule.none("GET " + LIB + "documents/" + ID + "/download", "VENDORS.md §2.2: the document's bytes"),
            Rule.none("GET /api", "IM-FP, IM-SC: discovery data.user.customer_id and data.work.libraries[]"),
            Rule.none("POST /auth/oauth2/token", "IM-FP, IM-DF: token endpoint; body per RFC 6749 §5.1/§5.2"),
            Rule.none("GET /auth/oauth2/authorize", "[A] authorize page; 302 per RFC 6749 §4.1.2"));

    private static final OpenAPI API;
    private static final SchemaValidator VALIDATOR;

    static {
        try (InputStream in = ImanageSpec.class.getClassLoader().getResourceAsStream(SPEC)) {
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            API = new OpenAPIParser().readContents(new String(in.readAllBytes(), StandardCharsets.UTF_8), null, options)
                    .getOpenAPI();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        VALIDATOR = new SchemaValidator(API, new MessageResolver(LevelResolver.create()
                .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE).build()));
    }

    private ImanageSpec() {
    }

    /** Schema messages for {@code value} against the swagger's {@code definition} (empty = valid). */
    static List<String> validate(Object value, String definition) {
        Schema<?> schema = API.getComponents().getSchemas().get(definition);
        if (schema == null) {
            return List.of("the swagger has no definition " + definition);
        }
        return VALIDATOR.validate(Json.write(value), schema, "response.body").getMessages().stream()
                .map(m -> definition + ": " + m.getMessage()).toList();
    }

    /** What the swagger (or the named evidence) finds wrong with one response (empty = conforms). */
    static List<String> findings(String method, String path, int status, String body) {
        String methodPath = method + " " + URLDecoder.decode(path, StandardCharsets.UTF_8);
        Rule rule = RULES.stream().filter(r -> r.methodPath().matcher(methodPath).matches()).findFirst().orElse(null);
        if (rule == null) {
            return List.of("no Work API rule for " + methodPath + ": map it to a swagger definition or name the evidence");
        }
        List<String> out = new ArrayList<>();
        Object parsed = parse(body);
        if (status == 416 && methodPath.endsWith("/download")) {
            return out;   // RFC 9110 §15.5.17: Content-Range: bytes */size and no body (as any HTTP server)
        }
        if (status >= 400) {
            if (!(parsed instanceof Map<?, ?> m) || !(m.get("error") instanceof String
                    || m.get("error") instanceof Map<?, ?> e && e.get("code") instanceof String && e.get("message") instanceof String)) {
                out.add("an error body must be {\"error\":{\"code\",\"message\"}} or RFC 6749's {\"error\":\"…\"}: " + body);
            }
            return out;
        }
        if (rule.definition() == null) {
            return out;
        }
        Object data = parsed instanceof Map<?, ?> m ? m.get("data") : null;
        if (!rule.list()) {
            out.addAll(data == null ? List.of("no data object: " + body) : validate(data, rule.definition()));
        } else if (data instanceof List<?> rows) {
            for (Object row : rows) {
                if (!(row instanceof Map<?, ?> r && Boolean.TRUE.equals(r.get("deleted")))) {
                    out.addAll(validate(row, rule.definition()));   // a crawl tombstone has no definition ([A])
                }
            }
        } else {
            out.add("no data list: " + body);
        }
        return out;
    }

    private static Object parse(String body) {
        try {
            return body == null || body.isBlank() ? null : Json.parse(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** Fails unless the response conforms ({@link SpecCheck}). */
    static <T> HttpResponse<T> check(HttpResponse<T> r) {
        return SpecCheck.check(r, "iManage swagger", (method, path, status, contentType, body) -> findings(method, path, status, body));
    }
}
