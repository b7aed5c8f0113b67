package org.matterhub.connectors.xero;

import java.util.List;
import java.util.Optional;
import org.matterhub.connectors.kernel.VendorHttpException;

/**
 * 400 {@code ValidationException}: Xero refused the request as it stands (e.g. a payment larger than the amount
 * due, an invoice that is not AUTHORISED, an unknown account code). Retrying the same request cannot succeed.
 * {@link #validationErrors()} are Xero's own messages, safe to show to a firm admin.
 */
public class XeroValidationException extends VendorHttpException {

    private final List<String> validationErrors;

    public XeroValidationException(String method, String path, String errorType, List<String> validationErrors,
                                   String message) {
        super(XeroClient.VENDOR, method, path, 400, Optional.empty(), errorType,
                validationErrors == null || validationErrors.isEmpty() ? message : String.join("; ", validationErrors));
        this.validationErrors = validationErrors == null ? List.of() : List.copyOf(validationErrors);
    }

    /** Xero's validation messages, in order (possibly empty when it sent none). */
    public List<String> validationErrors() {
        return validationErrors;
    }
}
