package org.matterhub.connectors.quickbooks;

import java.util.Objects;
import org.matterhub.connectors.kernel.HmacSignatures;

/**
 * Checks {@code intuit-signature}: standard Base64 of HMAC-SHA256 over the raw request body, keyed with the app's
 * Verifier Token as UTF-8 (VENDORS.md §4.5; unchanged for CloudEvents payloads). Constant-time comparison; a
 * missing or undecodable signature is simply invalid.
 */
public final class QboWebhookVerifier {

    /** The signature header. */
    public static final String SIGNATURE_HEADER = "intuit-signature";

    private final String verifierToken;

    /** @param verifierToken the app's Verifier Token (developer portal → Webhooks). <b>Secret.</b> */
    public QboWebhookVerifier(String verifierToken) {
        this.verifierToken = Objects.requireNonNull(verifierToken, "verifierToken");
        if (verifierToken.isEmpty()) {
            throw new IllegalArgumentException("verifierToken must not be empty");
        }
    }

    /** Whether {@code signature} (the header's value, may be null) signs {@code rawBody}. */
    public boolean verify(byte[] rawBody, String signature) {
        return HmacSignatures.verifyBase64(verifierToken, rawBody, signature);
    }

    @Override
    public String toString() {
        return "QboWebhookVerifier[verifierToken=****]";
    }
}
