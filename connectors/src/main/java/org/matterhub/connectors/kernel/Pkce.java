package org.matterhub.connectors.kernel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Proof Key for Code Exchange (RFC 7636) with the {@code S256} method: a random code verifier kept by the hub, and its
 * challenge sent with the authorize redirect. A code stolen from the redirect is useless without the verifier.
 * Sent to every vendor: one that does not implement PKCE ignores the unknown parameters (RFC 6749 §3.1, §3.2).
 *
 * @param verifier  43 characters of base64url (32 random bytes), RFC 7636 §4.1; never logged
 * @param challenge {@code BASE64URL(SHA-256(verifier))}, RFC 7636 §4.2
 */
public record Pkce(String verifier, String challenge) {

    /** The only method the hub sends. */
    public static final String METHOD = "S256";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A fresh verifier and its challenge. */
    public static Pkce create() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        return new Pkce(verifier, challenge(verifier));
    }

    /** The S256 challenge of {@code verifier}. */
    public static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    @Override
    public String toString() {
        return "Pkce[verifier=****, challenge=" + challenge + "]";
    }
}
