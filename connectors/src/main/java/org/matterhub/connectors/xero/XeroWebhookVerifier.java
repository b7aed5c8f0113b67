package org.matterhub.connectors.xero;

import java.util.Objects;
import org.matterhub.connectors.kernel.HmacSignatures;

/**
 * Checks {@code x-xero-signature}: the standard-Base64 HMAC-SHA256 of the raw request body under the app's webhook
 * key, compared in constant time (XE-WHS). Xero's "Intent to Receive" sends correctly and incorrectly signed
 * deliveries: the receiver answers 200 with an empty body when {@link #verify} is true and 401 when it is false,
 * before parsing anything.
 */
public final class XeroWebhookVerifier {

    private final String webhookKey;

    /** @param webhookKey the app's webhook signing key (developer portal → Webhooks); secret */
    public XeroWebhookVerifier(String webhookKey) {
        Objects.requireNonNull(webhookKey, "webhookKey");
        if (webhookKey.isBlank()) {
            throw new IllegalArgumentException("webhookKey must not be blank");
        }
        this.webhookKey = webhookKey;
    }

    /**
     * Whether {@code signature} is the signature of exactly these bytes. A missing, blank or non-Base64 signature,
     * or a missing body, is simply invalid.
     *
     * @param rawBody   the request body as received, before any parsing
     * @param signature the {@code x-xero-signature} header value, or null
     */
    // https://developer.xero.com/documentation/guides/webhooks/configuring-your-server
    public boolean verify(byte[] rawBody, String signature) {
        if (rawBody == null || signature == null || signature.isBlank()) {
            return false;
        }
        return HmacSignatures.verifyBase64(webhookKey, rawBody, signature);
    }

    @Override
    public String toString() {
        return "XeroWebhookVerifier[webhookKey=****]";
    }
}
