package org.matterhub.connectors.netdocuments;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.matterhub.simulators.common.RecordedRequest;

/**
 * Validates the requests the connector sent (as the simulator recorded them) against NetDocuments' own
 * connector definition, copied to {@code src/test/resources/contracts/netdocuments/apiDefinition.swagger.json}
 * (as {@code NetDocumentsContractTest} of the simulators does): paths, methods, required query parameters
 * ({@code select}, {@code $orderby}, {@code format}, {@code Logtype}), the required {@code Accept} and
 * {@code Content-Type} header parameters, and body schemas. Additional properties are ignored (SOURCES.md).
 * Version downloads ({@code /v1/Document/{id}/{version}}) are not in the document (an assumption of ours) and
 * are skipped; OAuth requests are not in it either.
 */
final class NetDocumentsSpecValidator {

    private static final Pattern VERSION_DOWNLOAD = Pattern.compile("^/v1/Document/[^/]+/\\d+$");
    private static volatile OpenApiInteractionValidator validator;

    private NetDocumentsSpecValidator() {
    }

    private static OpenApiInteractionValidator validator() {
        if (validator == null) {
            synchronized (NetDocumentsSpecValidator.class) {
                if (validator == null) {
                    validator = OpenApiInteractionValidator
                            .createForSpecificationUrl("contracts/netdocuments/apiDefinition.swagger.json")
                            .withLevelResolver(LevelResolver.create()
                                    .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
                                    .build())
                            .build();
                }
            }
        }
        return validator;
    }

    /** Every problem found in the API requests among {@code recorded}. */
    static List<String> problems(List<RecordedRequest> recorded) {
        List<String> problems = new ArrayList<>();
        for (RecordedRequest r : recorded) {
            if (!(r.path().startsWith("/v1/") || r.path().startsWith("/v2/")) || r.path().equals("/v1/OAuth")
                    || VERSION_DOWNLOAD.matcher(r.path()).matches()) {
                continue;
            }
            ValidationReport report = validator().validateRequest(toRequest(r));
            for (ValidationReport.Message m : report.getMessages()) {
                if (m.getLevel() == ValidationReport.Level.ERROR) {
                    problems.add(r.method() + " " + r.path() + ": " + m.getKey() + " " + m.getMessage());
                }
            }
        }
        return problems;
    }

    private static Request toRequest(RecordedRequest r) {
        SimpleRequest.Builder b = new SimpleRequest.Builder(r.method(), r.path());
        for (Map.Entry<String, List<String>> h : r.headers().entrySet()) {
            b.withHeader(h.getKey(), h.getValue());
        }
        if (r.query() != null && !r.query().isEmpty()) {
            for (String pair : r.query().split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                b.withQueryParam(name, value);
            }
        }
        if (r.body() != null && !r.body().isEmpty()) {
            b.withBody(r.body());
        }
        return b.build();
    }
}
