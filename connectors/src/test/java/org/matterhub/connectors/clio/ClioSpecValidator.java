package org.matterhub.connectors.clio;

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
import org.matterhub.simulators.common.RecordedRequest;

/**
 * Validates the requests the connector sent (as the simulator recorded them) against Clio's own OpenAPI
 * document, copied to {@code src/test/resources/contracts/clio/openapi.json}. Unknown properties are
 * ignored (the document is not exhaustive); everything else — paths, methods, parameter names and types,
 * enum values such as {@code order}, request body schemas — must match.
 */
final class ClioSpecValidator {

    private static volatile OpenApiInteractionValidator validator;

    private ClioSpecValidator() {
    }

    private static OpenApiInteractionValidator validator() {
        if (validator == null) {
            synchronized (ClioSpecValidator.class) {
                if (validator == null) {
                    validator = OpenApiInteractionValidator
                            .createForSpecificationUrl("contracts/clio/openapi.json")
                            .withBasePathOverride("/api/v4")
                            .withLevelResolver(LevelResolver.create()
                                    .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
                                    .build())
                            .build();
                }
            }
        }
        return validator;
    }

    /** Every problem found in the API requests among {@code recorded} (OAuth requests are not in the document). */
    static List<String> problems(List<RecordedRequest> recorded) {
        List<String> problems = new ArrayList<>();
        for (RecordedRequest r : recorded) {
            if (!r.path().startsWith("/api/v4/")) {
                continue;
            }
            ValidationReport report = validator().validateRequest(toRequest(r));
            for (ValidationReport.Message m : report.getMessages()) {
                if (m.getLevel() == ValidationReport.Level.ERROR && !noteWithoutContact(r, m)) {
                    problems.add(r.method() + " " + r.path() + ": " + m.getKey() + " " + m.getMessage());
                }
            }
        }
        return problems;
    }

    /**
     * Note#create marks both {@code contact} and {@code matter} required, while each one's description says it is
     * required only for its note type: a {@code Matter} note without a contact is what Clio's description asks for.
     */
    private static boolean noteWithoutContact(RecordedRequest r, ValidationReport.Message m) {
        return r.path().equals("/api/v4/notes.json") && m.getMessage().contains("missing required properties ([\"contact\"])");
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
