package org.matterhub.connectors.netdocuments;

import java.util.List;
import java.util.regex.Pattern;
import org.matterhub.connectors.kernel.SpecValidator;
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
    private static final SpecValidator SPEC = new SpecValidator("contracts/netdocuments/apiDefinition.swagger.json",
            null, NetDocumentsSpecValidator::described, (r, m) -> false);

    private NetDocumentsSpecValidator() {
    }

    /** Every problem found in the API requests among {@code recorded}. */
    static List<String> problems(List<RecordedRequest> recorded) {
        return SPEC.problems(recorded);
    }

    private static boolean described(RecordedRequest r) {
        return (r.path().startsWith("/v1/") || r.path().startsWith("/v2/")) && !r.path().equals("/v1/OAuth")
                && !VERSION_DOWNLOAD.matcher(r.path()).matches();
    }
}
