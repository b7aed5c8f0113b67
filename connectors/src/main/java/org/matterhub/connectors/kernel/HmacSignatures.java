package org.matterhub.connectors.kernel;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 helpers for webhook signatures. Verification always compares raw MAC bytes in constant
 * time ({@link MessageDigest#isEqual}); a signature that does not decode is simply invalid.
 */
public final class HmacSignatures {

    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private HmacSignatures() {
    }

    /** HMAC-SHA256 of {@code message} under {@code key}. */
    public static byte[] hmacSha256(byte[] key, byte[] message) {
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("HMAC key must not be empty");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(message);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** HMAC-SHA256 under a UTF-8 key, as lowercase hex. */
    public static String hmacSha256Hex(String key, byte[] message) {
        return HEX.formatHex(hmacSha256(key.getBytes(StandardCharsets.UTF_8), message));
    }

    /** HMAC-SHA256 under a UTF-8 key, as standard Base64 (with padding). */
    public static String hmacSha256Base64(String key, byte[] message) {
        return Base64.getEncoder().encodeToString(hmacSha256(key.getBytes(StandardCharsets.UTF_8), message));
    }

    /** Constant-time equality of two byte arrays (length is not secret). */
    public static boolean constantTimeEquals(byte[] a, byte[] b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a, b);
    }

    /** Whether {@code hexSignature} (either case, surrounding blanks ignored) is the HMAC of {@code message}. */
    public static boolean verifyHex(String key, byte[] message, String hexSignature) {
        if (key == null || key.isEmpty() || message == null || hexSignature == null) {
            return false;
        }
        byte[] presented;
        try {
            presented = HEX.parseHex(hexSignature.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return constantTimeEquals(hmacSha256(key.getBytes(StandardCharsets.UTF_8), message), presented);
    }

    /** Whether standard-Base64 {@code base64Signature} is the HMAC of {@code message}. */
    public static boolean verifyBase64(String key, byte[] message, String base64Signature) {
        if (key == null || key.isEmpty() || message == null || base64Signature == null) {
            return false;
        }
        byte[] presented;
        try {
            presented = Base64.getDecoder().decode(base64Signature.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return constantTimeEquals(hmacSha256(key.getBytes(StandardCharsets.UTF_8), message), presented);
    }
}
