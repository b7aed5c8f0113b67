package org.matterhub.connectors.kernel;

import java.util.Objects;

/**
 * Base of every failure a connector reports. Messages never contain tokens, secrets or full bodies:
 * only the vendor, the method and path (no query string) and a short excerpt of the vendor's error.
 */
public abstract class VendorException extends RuntimeException {

    private final String vendor;

    protected VendorException(String vendor, String message, Throwable cause) {
        super(message, cause);
        this.vendor = Objects.requireNonNull(vendor, "vendor");
    }

    /** The vendor's short name, e.g. {@code "clio"}. */
    public String vendor() {
        return vendor;
    }
}
