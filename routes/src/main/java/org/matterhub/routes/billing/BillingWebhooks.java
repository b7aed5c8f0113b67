package org.matterhub.routes.billing;

import java.util.Map;
import org.matterhub.routes.vendor.VendorAdapter;

/**
 * A vendor's app-level webhook ({@code /webhooks/<vendor>}): how a delivery is signed and which companies or
 * organisations it names. Events only say "look again", so a delivery becomes, per account, a key that
 * deduplicates it.
 */
public interface BillingWebhooks extends VendorAdapter {

    /** A signed body that cannot be read; {@code account} is the company or organisation it still names, or null. */
    class UnreadableWebhookException extends RuntimeException {

        private final String account;

        public UnreadableWebhookException(String account, String message, Throwable cause) {
            super(message, cause);
            this.account = account;
        }

        public String account() {
            return account;
        }
    }

    /** Whether the app's webhook secret is configured; without it the endpoint does not exist. */
    boolean configured();

    /** The request header that carries the signature. */
    String signatureHeader();

    /** Whether {@code signature} signs {@code body} with the app's secret. */
    boolean verify(byte[] body, String signature);

    /** The problem detail of a refused signature, or null when the vendor expects a bare 401 with an empty body. */
    String refusalDetail();

    /** Account (company or organisation) to deduplication key, in the order the delivery names them. */
    Map<String, String> changesByAccount(byte[] body) throws UnreadableWebhookException;
}
