package org.matterhub.connectors.kernel;

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
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.matterhub.simulators.common.RecordedRequest;

/**
 * Validates the requests a connector sent (as a simulator recorded them) against the vendor's own OpenAPI
 * document under {@code src/test/resources/contracts/}. Additional properties are ignored (the vendors' documents
 * are not exhaustive); paths, methods, parameter names and types, required headers and body schemas must match.
 * Built on first use; thread-safe.
 */
public final class SpecValidator {

    private final String specification;
    private final String basePathOverride;
    private final Predicate<RecordedRequest> described;
    private final BiPredicate<RecordedRequest, ValidationReport.Message> tolerated;
    private volatile OpenApiInteractionValidator validator;

    /**
     * @param specification    the document's class-path location
     * @param basePathOverride the API's base path when the document's servers do not give it, or null
     * @param described        which recorded requests the document describes (the others are skipped)
     * @param tolerated        the vendor document's known contradictions, which are not reported
     */
    public SpecValidator(String specification, String basePathOverride, Predicate<RecordedRequest> described,
                         BiPredicate<RecordedRequest, ValidationReport.Message> tolerated) {
        this.specification = Objects.requireNonNull(specification, "specification");
        this.basePathOverride = basePathOverride;
        this.described = Objects.requireNonNull(described, "described");
        this.tolerated = Objects.requireNonNull(tolerated, "tolerated");
    }

    /** Every problem found in the described requests among {@code recorded}. */
    public List<String> problems(List<RecordedRequest> recorded) {
        List<String> problems = new ArrayList<>();
        for (RecordedRequest r : recorded) {
            if (!described.test(r)) {
                continue;
            }
            ValidationReport report = validator().validateRequest(toRequest(r));
            for (ValidationReport.Message m : report.getMessages()) {
                if (m.getLevel() == ValidationReport.Level.ERROR && !tolerated.test(r, m)) {
                    problems.add(r.method() + " " + r.path() + ": " + m.getKey() + " " + m.getMessage());
                }
            }
        }
        return problems;
    }

    private OpenApiInteractionValidator validator() {
        OpenApiInteractionValidator v = validator;
        if (v == null) {
            synchronized (this) {
                if (validator == null) {
                    OpenApiInteractionValidator.Builder b = OpenApiInteractionValidator
                            .createForSpecificationUrl(specification)
                            .withLevelResolver(LevelResolver.create()
                                    .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
                                    .build());
                    if (basePathOverride != null) {
                        b.withBasePathOverride(basePathOverride);
                    }
                    validator = b.build();
                }
                v = validator;
            }
        }
        return v;
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
