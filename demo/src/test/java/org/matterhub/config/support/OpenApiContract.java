package org.matterhub.config.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The portal's own OpenAPI document ({@code static/api/v1/openapi.yaml}, served at
 * {@code GET /api/v1/openapi.yaml}) as a test oracle: a response, or a request, either matches the contract or
 * the assertion fails with the validator's report.
 *
 * <p>Strict on responses: every object schema of the contract declares {@code additionalProperties}, so an
 * unknown field is an error; an undocumented status, content type or path is an error. Lenient on the request
 * that produced a response: only its method and path must be documented (no security, parameter or body
 * checks). {@link #assertRequest} checks requests in full (path, method, parameters, unknown query parameters,
 * headers, media types, body) except for credentials, which tests add elsewhere. {@link #documents} says whether an
 * operation exists at all, for tests that send deliberately off-contract requests.
 *
 * <p>Built on Atlassian's swagger-request-validator; load once per test class, it is thread-safe.
 */
public final class OpenApiContract {

    /** Classpath location of the contract (portal-api's static resources). */
    public static final String RESOURCE = "static/api/v1/openapi.yaml";

    private final OpenApiInteractionValidator responses;
    private final OpenApiInteractionValidator requests;

    private OpenApiContract(String spec) {
        this.responses = OpenApiInteractionValidator.createForInlineApiSpecification(spec)
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request", ValidationReport.Level.IGNORE)
                        .withLevel("validation.request.path.missing", ValidationReport.Level.ERROR)
                        .withLevel("validation.request.operation.notAllowed", ValidationReport.Level.ERROR)
                        .build())
                .build();
        this.requests = OpenApiInteractionValidator.createForInlineApiSpecification(spec)
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request.security", ValidationReport.Level.IGNORE)
                        .withLevel("validation.request.parameter.query.unexpected", ValidationReport.Level.ERROR)
                        .withLevel("validation.response", ValidationReport.Level.IGNORE)
                        .build())
                .build();
    }

    /** Loads the contract from the classpath resource {@value #RESOURCE}. */
    public static OpenApiContract load() {
        ClassLoader loader = OpenApiContract.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test classpath");
            }
            return new OpenApiContract(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builds the contract from YAML text, for tests of the helper itself. */
    public static OpenApiContract of(String yaml) {
        return new OpenApiContract(yaml);
    }

    /**
     * Fails unless the response matches the operation {@code method path} of the contract.
     *
     * @param method      HTTP method, any case
     * @param path        request path without query, e.g. {@code /api/v1/matters/0b7c…}; a {@code ?query} suffix is
     *                    split off
     * @param rawQuery    the raw (still URL-encoded) query string, or null
     * @param status      response status
     * @param contentType response Content-Type, or null when the response has none
     * @param body        response body, or null/empty when there is none
     * @throws AssertionError with the validation report when the response breaks the contract
     */
    public void assertResponse(String method, String path, String rawQuery, int status, String contentType,
                               String body) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        if (contentType != null) {
            response.withContentType(contentType);
        }
        if (body != null && !body.isEmpty()) {
            response.withBody(body);
        }
        Request request = request(method, path, rawQuery, null, null).build();
        fail("Response " + status + " to " + describe(method, path, rawQuery),
                responses.validate(request, response.build()));
    }

    /**
     * Fails unless the request matches the contract: path, method, parameters, content type and body.
     * Missing or invalid credentials are not reported.
     *
     * @param contentType request Content-Type, or null when there is no body
     * @param body        request body, or null
     */
    public void assertRequest(String method, String path, String rawQuery, String contentType, String body) {
        assertRequest(method, path, rawQuery, contentType, body, Map.of());
    }

    /** As {@link #assertRequest(String, String, String, String, String)}, with the request's other headers. */
    public void assertRequest(String method, String path, String rawQuery, String contentType, String body,
                              Map<String, String> headers) {
        SimpleRequest.Builder builder = request(method, path, rawQuery, contentType, body);
        headers.forEach(builder::withHeader);
        fail("Request " + describe(method, path, rawQuery), requests.validateRequest(builder.build()));
    }

    /** Whether the contract has an operation {@code method path} (path without query). */
    public boolean documents(String method, String path) {
        ValidationReport report = responses.validateRequest(request(method, path, null, null, null).build());
        return report.getMessages().stream().noneMatch(m -> m.getKey().equals("validation.request.path.missing")
                || m.getKey().equals("validation.request.operation.notAllowed"));
    }

    private static SimpleRequest.Builder request(String method, String path, String rawQuery, String contentType,
                                                 String body) {
        String query = rawQuery;
        String p = path;
        int q = path.indexOf('?');
        if (q >= 0) {
            p = path.substring(0, q);
            query = query == null || query.isEmpty() ? path.substring(q + 1) : query;
        }
        SimpleRequest.Builder builder = new SimpleRequest.Builder(method.toUpperCase(Locale.ROOT), p);
        parseQuery(query).forEach(builder::withQueryParam);
        if (contentType != null) {
            builder.withContentType(contentType);
        }
        if (body != null && !body.isEmpty()) {
            builder.withBody(body);
        }
        return builder;
    }

    private static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static String describe(String method, String path, String rawQuery) {
        return method.toUpperCase(Locale.ROOT) + " " + path + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery);
    }

    private static void fail(String what, ValidationReport report) {
        if (report.hasErrors()) {
            throw new AssertionError(what + " breaks the OpenAPI contract (" + RESOURCE + "):\n"
                    + SimpleValidationReportFormat.getInstance().apply(report));
        }
    }
}
