package org.matterhub.connectors.quickbooks;

import java.util.Optional;

/**
 * Fault code 6240 "Duplicate Name Exists Error": a DisplayName is already used by a customer, vendor or
 * employee. Retrying cannot succeed; the caller looks the existing name up instead.
 */
public class QboDuplicateNameException extends QboFaultException {

    public QboDuplicateNameException(String method, String path, String message, Throwable cause) {
        super(method, path, 400, Optional.empty(), "ValidationFault", "6240", message, cause);
    }
}
