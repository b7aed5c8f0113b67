package org.matterhub.connectors.clio;

import java.util.Map;
import java.util.Optional;
import org.matterhub.connectors.kernel.HmacSignatures;

/**
 * Verifies Clio webhook deliveries and answers the subscription handshake.
 *
 * <p>Signature: {@code X-Hook-Signature} = HMAC-SHA256(key = the webhook's shared secret, message = the
 * raw body bytes), lowercase hex (Clio does not state the encoding; verified on live traffic by a third
 * party; uppercase is tolerated). Compared in constant time on the decoded bytes.
 *
 * <p>Handshake: right after a webhook is created Clio POSTs to its URL with an {@code X-Hook-Secret}
 * header; answer 200 with the same header and value ({@link #handshakeResponseHeaders}).
 *
 * <p>https://docs.developers.clio.com/guides/clio-manage/webhooks/
 */
public final class ClioWebhookVerifier {

    /** Request header carrying the signature. */
    public static final String SIGNATURE_HEADER = ClioHeaders.HOOK_SIGNATURE;
    /** Request header of the handshake POST, echoed back in the response. */
    public static final String HANDSHAKE_HEADER = ClioHeaders.HOOK_SECRET;

    /**
     * Whether {@code xHookSignature} is the signature of {@code rawBody} under {@code sharedSecret}. False
     * for a missing signature or secret and for anything that is not hex.
     */
    public boolean verify(byte[] rawBody, String xHookSignature, String sharedSecret) {
        return HmacSignatures.verifyHex(sharedSecret, rawBody, xHookSignature);
    }

    /** The handshake secret when the request is a handshake (carries a non-blank {@code X-Hook-Secret}). */
    public static Optional<String> handshakeSecret(String xHookSecretHeaderValue) {
        return xHookSecretHeaderValue == null || xHookSecretHeaderValue.isBlank()
                ? Optional.empty() : Optional.of(xHookSecretHeaderValue.strip());
    }

    /** Response headers that confirm the handshake: {@code X-Hook-Secret: <same value>}. */
    public static Map<String, String> handshakeResponseHeaders(String xHookSecret) {
        return Map.of(HANDSHAKE_HEADER, xHookSecret);
    }
}
