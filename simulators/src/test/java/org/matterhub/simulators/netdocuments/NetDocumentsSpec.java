package org.matterhub.simulators.netdocuments;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import org.matterhub.simulators.common.Json;
import org.matterhub.simulators.common.SpecCheck;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * Every response a NetDocuments simulator test receives ({@link NetDocumentsTestClient} sends them all) is validated
 * against the NetDocuments connector swagger (ND-PP), whose paths are the API host's. A finding the swagger cannot
 * settle, because it lacks the path, the method or the status, passes only through an {@link Allowance} that names
 * the evidence for what the simulator does (simulators/README.md, "Spec validation"). Error bodies (the swagger
 * declares none) must still be JSON objects with an {@code error} string (the browser-facing authorization page
 * answers a plain page, RFC 6749 §4.1.2.1). Extra properties are ignored and so is a
 * body where the swagger declares no schema (SOURCES.md).
 */
final class NetDocumentsSpec {

    private static final String SPEC = "contracts/netdocuments/apiDefinition.swagger.json";
    private static final String OVERVIEW = "NetDocuments REST API Overview 20.16 (6 Nov 2023): 4xx and 5xx responses carry "
            + "a JSON or XML object describing the problem; an expired token gets 401";
    private static final IntPredicate ANY = s -> true;

    /** A finding the swagger cannot settle, accepted for requests matching {@code methodPath} with the evidence. */
    record Allowance(String key, Pattern methodPath, IntPredicate status, String evidence) {
        static Allowance of(String key, String methodPath, IntPredicate status, String evidence) {
            return new Allowance(key, Pattern.compile(methodPath), status, evidence);
        }

        boolean covers(ValidationReport.Message m, String methodPath, int code) {
            return m.getKey().equals(key) && this.methodPath.matcher(methodPath).matches() && status.test(code);
        }
    }

    static final List<Allowance> ALLOWANCES = List.of(
            Allowance.of("validation.request.path.missing", "POST /v1/OAuth", ANY,
                    "the token URL of the swagger's securityDefinitions.oauth2_auth; body per RFC 6749 §5.1/§5.2"),
            Allowance.of("validation.request.path.missing", "GET /neWeb2/OAuth\\.aspx", ANY,
                    "the authorization URL of securityDefinitions.oauth2_auth; 302 per RFC 6749 §4.1.2"),
            Allowance.of("validation.request.path.missing", "GET /v1/Document/[^/]+/\\d+", ANY,
                    "[A] one version's bytes; the swagger has only the official version (GetDocContent)"),
            Allowance.of("validation.request.operation.notAllowed", "GET /v1/Folder/[^/]+/info", ANY,
                    "[A] folder profile; the swagger has only PUT (RenameFolder) on this path"),
            Allowance.of("validation.request.path.missing", "\\w+ /v\\d/.*", s -> s == 404 || s == 405, OVERVIEW),
            Allowance.of("validation.request.operation.notAllowed", "\\w+ /v\\d/.*", s -> s == 405, OVERVIEW),
            Allowance.of("validation.response.status.unknown", ".*", s -> s >= 400 && s != 429, OVERVIEW),
            Allowance.of("validation.response.status.unknown", ".*", s -> s == 429,
                    "Microsoft Learn, NetDocuments connector: throttling limit 100 calls per 60 s per connection; "
                            + "429 Too Many Requests with Retry-After is RFC 6585 §4 [A for the signal]"),
            Allowance.of("validation.response.status.unknown", "GET /v1/Document/.*", s -> s == 206,
                    "[A] RFC 9110 §14 range requests; NetDocuments does not document Range"),
            Allowance.of("validation.response.status.unknown", "PUT /v1/attributes/.*", s -> s == 200, OVERVIEW));

    private static final OpenApiInteractionValidator VALIDATOR = load();

    private NetDocumentsSpec() {
    }

    private static OpenApiInteractionValidator load() {
        try (InputStream in = NetDocumentsSpec.class.getClassLoader().getResourceAsStream(SPEC)) {
            return OpenApiInteractionValidator.createForInlineApiSpecification(
                            new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
                            .withLevel("validation.response.body.unexpected", ValidationReport.Level.IGNORE)
                            .build())
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The messages of the swagger's report that no allowance covers (empty = conforms). */
    static List<String> findings(String method, String path, int status, String contentType, String body) {
        SimpleResponse.Builder res = SimpleResponse.Builder.status(status);
        if (contentType != null) {
            res.withContentType(contentType);
        }
        if (body != null && !body.isEmpty()) {
            res.withBody(body);
        }
        String methodPath = method + " " + path;
        List<String> out = new ArrayList<>();
        for (ValidationReport.Message m : VALIDATOR.validateResponse(path, Request.Method.valueOf(method), res.build())
                .getMessages()) {
            if (m.getLevel() == ValidationReport.Level.ERROR
                    && ALLOWANCES.stream().noneMatch(a -> a.covers(m, methodPath, status))) {
                out.add(m.getKey() + ": " + m.getMessage());
            }
        }
        if (status >= 400 && path.matches("/v\\d/.*") && !errorBody(body)) {
            out.add("an error body must be a JSON object with an \"error\" string: " + body);
        }
        return out;
    }

    private static boolean errorBody(String body) {
        try {
            return body != null && Json.parse(body) instanceof Map<?, ?> m && m.get("error") instanceof String;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails unless the response conforms ({@link SpecCheck}). */
    static <T> HttpResponse<T> check(HttpResponse<T> r) {
        return SpecCheck.check(r, "NetDocuments swagger", NetDocumentsSpec::findings);
    }
}
