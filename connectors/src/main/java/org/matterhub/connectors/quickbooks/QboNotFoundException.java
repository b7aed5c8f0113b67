package org.matterhub.connectors.quickbooks;

import java.util.Optional;

/** Fault code 610 "Object Not Found": deleted, made inactive, or never there. A tombstone hint. */
public class QboNotFoundException extends QboFaultException {

    public QboNotFoundException(String method, String path, String message, Throwable cause) {
        super(method, path, 400, Optional.empty(), "ValidationFault", "610", message, cause);
    }
}
