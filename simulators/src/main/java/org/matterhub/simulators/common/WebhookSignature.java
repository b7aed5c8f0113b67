package org.matterhub.simulators.common;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * How a vendor signs a webhook delivery: the header(s) it adds for a body. Clio sends {@code X-Hook-Signature}
 * as hex HMAC-SHA256 with the webhook's shared secret; QuickBooks ({@code intuit-signature}) and Xero
 * ({@code x-xero-signature}) send base64 HMAC-SHA256 with the app's verifier token or webhook key.
 */
@FunctionalInterface
public interface WebhookSignature {

    /** The signature headers for {@code body}, the exact bytes sent. */
    Map<String, String> headers(byte[] body);

    /** {@code header: hex(HMAC-SHA256(key, body))}. */
    static WebhookSignature hexHmacSha256(String header, String key) {
        return body -> Map.of(header, HexFormat.of().formatHex(hmacSha256(key, body)));
    }

    /** {@code header: base64(HMAC-SHA256(key, body))}. */
    static WebhookSignature base64HmacSha256(String header, String key) {
        return body -> Map.of(header, Base64.getEncoder().encodeToString(hmacSha256(key, body)));
    }

    /** HMAC-SHA256 of {@code body} keyed with the UTF-8 bytes of {@code key}. */
    static byte[] hmacSha256(String key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
