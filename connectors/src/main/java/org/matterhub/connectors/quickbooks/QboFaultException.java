package org.matterhub.connectors.quickbooks;

import java.time.Duration;
import java.util.Optional;
import org.matterhub.connectors.kernel.VendorHttpException;

/**
 * QBO answered with a {@code Fault} (VENDORS.md §4.6). {@link #errorType()} is the fault's error code without
 * leading zeros ({@code "6240"}, {@code "3001"}); {@link #faultType()} the fault type where the devkit tells it
 * ({@code ValidationFault}, {@code SystemFault}, {@code AuthenticationFault}, {@code AuthorizationFault}), else
 * the type implied by the code. {@link #status()} is the HTTP status the fault implies: the devkit does not pass
 * the status on once it has parsed a fault body.
 */
public class QboFaultException extends VendorHttpException {

    private final String faultType;

    public QboFaultException(String method, String path, int status, Optional<Duration> retryAfter, String faultType,
                             String code, String message, Throwable cause) {
        super(QboClient.VENDOR, method, path, status, retryAfter, code, message, cause);
        this.faultType = faultType;
    }

    /** The fault type, or null when unknown. */
    public String faultType() {
        return faultType;
    }

    /** The fault's error code (no leading zeros), or null. */
    public String code() {
        return errorType();
    }
}
