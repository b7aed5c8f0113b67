package org.matterhub.connectors.kernel;

/**
 * A success status whose body we could not use.
 *
 * <p>{@link Kind#MALFORMED}: the bytes are not JSON at all (truncated, an HTML error page from a proxy,
 * an empty body). {@link Kind#UNEXPECTED_SHAPE}: valid JSON that does not match the documented shape.
 * Classifiers usually retry the first (a broken transfer rarely repeats) and dead-letter the second (the
 * vendor will answer the same way again).
 */
public class VendorResponseException extends VendorException {

    /** Why the body was unusable. */
    public enum Kind { MALFORMED, UNEXPECTED_SHAPE }

    private final int status;
    private final Kind kind;

    public VendorResponseException(String vendor, String method, String path, int status, Kind kind,
                                   Throwable cause) {
        super(vendor, vendor + ' ' + method + ' ' + path + " -> HTTP " + status + " with "
                + (kind == Kind.MALFORMED ? "a malformed body" : "a body of unexpected shape"), cause);
        this.status = status;
        this.kind = kind;
    }

    /** The HTTP status that came with the unusable body. */
    public int status() {
        return status;
    }

    /** Whether the body was not JSON or just not the expected JSON. */
    public Kind kind() {
        return kind;
    }
}
