package org.matterhub.connectors.kernel;

/** The call did not complete: connection refused or reset, TLS failure, timeout, interrupted wait. */
public class VendorIoException extends VendorException {

    private final boolean timeout;

    public VendorIoException(String vendor, String method, String path, boolean timeout, Throwable cause) {
        super(vendor, vendor + ' ' + method + ' ' + path + (timeout ? " timed out" : " failed: "
                + (cause == null ? "I/O error" : cause.getClass().getSimpleName())), cause);
        this.timeout = timeout;
    }

    /** Whether the failure was a timeout (connect or response). */
    public boolean isTimeout() {
        return timeout;
    }
}
