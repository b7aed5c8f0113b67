package org.matterhub.simulators.clio;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import org.matterhub.simulators.common.SimExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Clio's OpenAPI document as a validator of the simulator's answers. {@link ClioTestClient} passes every
 * {@code /api/v4} response of every Clio test through {@link #responseProblems}; {@link ClioContractTest} also checks the
 * requests it sends.
 *
 * <p>Allowances, each because the document is looser or narrower than the live API, with the evidence
 * (simulators/README.md, "Clio: simulated as Clio does, or simplified"):
 * <ul>
 *   <li>extra properties are ignored: the document leaves out envelope keys such as {@code meta} (SOURCES.md);</li>
 *   <li>{@code null} values pass: the document marks no property {@code nullable}, while Clio renders unset values
 *       ({@code close_date}, {@code middle_name}) as {@code null} (the response samples of the API reference,
 *       https://docs.developers.clio.com/api-reference/);</li>
 *   <li>{@link #STATUS_EVIDENCE}: statuses the document does not list for an operation, which the simulator answers
 *       in the tests for the reason given (no other unlisted status passes);</li>
 *   <li>{@code PUT /webhooks/{id}/activate}: not in the document; Clio's webhook guide describes it.</li>
 * </ul>
 */
final class ClioSpec {

    private static final String SPEC = "contracts/clio/openapi.tags-deduplicated.json";

    private static final String INJECTED = "an outage injected by the test (FaultKind.SERVER_ERROR): the document lists no "
            + "5xx, yet any HTTP server may answer one (RFC 9110 section 15.6); the body keeps Clio's error shape";

    /** Statuses missing from the document's operations, and why the simulator answers them anyway. */
    static final Map<Integer, String> STATUS_EVIDENCE = Map.of(
            410, "the document's own 'Minor Versions' section: an invalid or retired X-API-VERSION gets 410 Gone",
            500, INJECTED, 502, INJECTED, 503, INJECTED, 504, INJECTED);
    private static final Pattern ACTIVATE = Pattern.compile("^/api/v4/webhooks/\\d+/activate(\\.json)?$");

    private static final ClioSpec INSTANCE = new ClioSpec();

    final OpenApiInteractionValidator validator;

    private ClioSpec() {
        String spec;
        try (InputStream in = ClioSpec.class.getClassLoader().getResourceAsStream(SPEC)) {
            spec = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(spec)
                .withBasePathOverride("/api/v4")
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
                        .build())
                .build();
    }

    static ClioSpec get() {
        return INSTANCE;
    }

    /** Problems of one response (any status) against the document; empty when it conforms. */
    List<String> responseProblems(String method, String path, HttpResponse<String> response) {
        if (ACTIVATE.matcher(path).matches()) {
            return List.of();
        }
        ValidationReport report = validator.validateResponse(path, Request.Method.valueOf(method), toResponse(response));
        return problems(report, response.statusCode());
    }

    /** Problems of a request the test sent and the response it got. */
    List<String> exchangeProblems(String method, String pathAndQuery, String body, String bearer, String[] headers,
                                  HttpResponse<String> response) {
        URI uri = URI.create("http://x/api/v4" + pathAndQuery);
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, uri.getRawPath())
                .withHeader("Authorization", "Bearer " + bearer);
        SimExchange.parseForm(uri.getRawQuery()).forEach(request::withQueryParam);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.withHeader(headers[i], headers[i + 1]);
        }
        if (body != null) {
            request.withContentType("application/json").withBody(body);
        }
        return problems(validator.validate(request.build(), toResponse(response)), response.statusCode());
    }

    private static SimpleResponse toResponse(HttpResponse<String> response) {
        SimpleResponse.Builder resp = SimpleResponse.Builder.status(response.statusCode());
        response.headers().map().forEach(resp::withHeader);
        if (!response.body().isEmpty()) {
            resp.withBody(response.body());
        }
        return resp.build();
    }

    private static List<String> problems(ValidationReport report, int status) {
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .filter(m -> !(m.getKey().equals("validation.response.status.unknown")
                        && STATUS_EVIDENCE.containsKey(status)))
                .flatMap(m -> leafProblems(m).stream())
                .collect(Collectors.toList());
    }

    /** Leaf messages of a (possibly nested, e.g. allOf) validation message, minus null-value mismatches. */
    private static List<String> leafProblems(ValidationReport.Message m) {
        if (!m.getNestedMessages().isEmpty()) {
            return m.getNestedMessages().stream().flatMap(n -> leafProblems(n).stream()).collect(Collectors.toList());
        }
        if (m.getMessage().contains("Instance type (null)") || m.getMessage().contains("Instance value (null) not found in enum")) {
            return List.of();
        }
        // Note#create marks both "contact" and "matter" required, while each one's description says it is required
        // only for its note type; a Matter note without a contact is what Clio's own description asks for.
        if (m.getMessage().contains("missing required properties ([\"contact\"])")) {
            return List.of();
        }
        return List.of(m.getKey() + ": " + m.getMessage());
    }
}
