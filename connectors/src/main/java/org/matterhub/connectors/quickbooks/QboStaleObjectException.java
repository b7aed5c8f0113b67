package org.matterhub.connectors.quickbooks;

import java.util.Optional;

/** Fault code 5010 "Stale Object Error": the SyncToken sent is not the current one. Re-read and re-decide. */
public class QboStaleObjectException extends QboFaultException {

    public QboStaleObjectException(String method, String path, String message, Throwable cause) {
        super(method, path, 400, Optional.empty(), "ValidationFault", "5010", message, cause);
    }
}
