package org.matterhub.connectors.kernel;

/**
 * A vendor URL the hub refuses to send anything to. The message is the hub's own words (the reason and the vendor),
 * never the URL's text or anything a server answered, so it may be shown to the firm admin who gave the URL.
 */
public class VendorUrlException extends RuntimeException {

    /** Why a URL is refused. */
    public enum Reason {
        MALFORMED("is not a valid absolute URL"),
        NOT_HTTPS("must use HTTPS"),
        USERINFO("must not carry a user name or password"),
        QUERY_OR_FRAGMENT("must not carry a query or a fragment"),
        PORT("must use the standard HTTPS port"),
        HOST_NOT_PUBLISHED("names a host the vendor does not publish"),
        UNRESOLVABLE("names a host that does not resolve"),
        PRIVATE_ADDRESS("resolves to a private, loopback, link-local or otherwise non-public address");

        private final String words;

        Reason(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    private final Reason reason;

    public VendorUrlException(String vendor, Reason reason) {
        super(vendor + " URL " + reason.words());
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
