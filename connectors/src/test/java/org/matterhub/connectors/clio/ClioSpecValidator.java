package org.matterhub.connectors.clio;

import com.atlassian.oai.validator.report.ValidationReport;
import java.util.List;
import org.matterhub.connectors.kernel.SpecValidator;
import org.matterhub.simulators.common.RecordedRequest;

/**
 * Validates the requests the connector sent (as the simulator recorded them) against Clio's own OpenAPI
 * document, copied to {@code src/test/resources/contracts/clio/openapi.json}. Unknown properties are
 * ignored (the document is not exhaustive); everything else — paths, methods, parameter names and types,
 * enum values such as {@code order}, request body schemas — must match. OAuth requests are not in the document.
 */
final class ClioSpecValidator {

    private static final SpecValidator SPEC = new SpecValidator("contracts/clio/openapi.json", "/api/v4",
            r -> r.path().startsWith("/api/v4/"), ClioSpecValidator::noteWithoutContact);

    private ClioSpecValidator() {
    }

    /** Every problem found in the API requests among {@code recorded}. */
    static List<String> problems(List<RecordedRequest> recorded) {
        return SPEC.problems(recorded);
    }

    /**
     * Note#create marks both {@code contact} and {@code matter} required, while each one's description says it is
     * required only for its note type: a {@code Matter} note without a contact is what Clio's description asks for.
     */
    private static boolean noteWithoutContact(RecordedRequest r, ValidationReport.Message m) {
        return r.path().equals("/api/v4/notes.json") && m.getMessage().contains("missing required properties ([\"contact\"])");
    }
}
