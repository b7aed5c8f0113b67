package org.matterhub.connectors.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * What every webhook signature verifier must hold for any body, checked by the vendors' fuzz tests: the signature
 * computed with the key is accepted (also as the header may carry it), and nothing else is — not the key's signature
 * of another body, not another key's signature, not a cut or altered signature, not the body's own bytes read as a
 * signature.
 */
public final class WebhookSignatureProperties {

    private WebhookSignatureProperties() {
    }

    /**
     * @param body      the fuzzed body
     * @param verifier  the verifier under test, bound to {@code key}: (body, header value) -> accepted
     * @param sign      how the vendor signs with {@code key}: body -> header value
     * @param signOther the same scheme under another key
     * @param hex       whether the encoding is hex (case-insensitive) rather than Base64
     */
    public static void check(byte[] body, BiPredicate<byte[], String> verifier, Function<byte[], String> sign,
            Function<byte[], String> signOther, boolean hex) {
        String good = sign.apply(body);
        assertThat(verifier.test(body, good)).as("the key's own signature").isTrue();
        assertThat(verifier.test(body, " " + good + "\t")).as("surrounding blanks are not part of it").isTrue();
        if (hex) {
            assertThat(verifier.test(body, good.toUpperCase(Locale.ROOT))).as("hex in upper case").isTrue();
        }

        assertThat(verifier.test(body, signOther.apply(body))).as("another key's signature").isFalse();
        assertThat(verifier.test(body, null)).as("no signature").isFalse();
        assertThat(verifier.test(body, "")).as("an empty signature").isFalse();
        assertThat(verifier.test(body, good.substring(0, good.length() - 4))).as("a cut signature").isFalse();

        byte[] longer = Arrays.copyOf(body, body.length + 1);
        assertThat(verifier.test(longer, good)).as("one byte appended").isFalse();
        if (body.length > 0) {
            byte[] flipped = body.clone();
            int at = Math.floorMod(Arrays.hashCode(body), body.length);
            flipped[at] ^= (byte) (1 << Math.floorMod(body.length, 8));
            assertThat(verifier.test(flipped, good)).as("one bit flipped at %d", at).isFalse();
            assertThat(verifier.test(Arrays.copyOf(body, body.length - 1), good)).as("last byte dropped").isFalse();
        }
        char[] altered = good.toCharArray();
        int at = Math.floorMod(Arrays.hashCode(body), altered.length - 2);
        altered[at] = altered[at] == 'A' || altered[at] == 'a' ? 'b' : 'a';
        assertThat(verifier.test(body, new String(altered))).as("signature altered at %d", at).isFalse();

        // The fuzzer's bytes themselves as a header value: accepted only if they are the signature.
        String presented = new String(body, StandardCharsets.ISO_8859_1);
        if (verifier.test(body, presented)) {
            assertThat(canonical(presented, hex)).as("an accepted header value").isEqualTo(canonical(good, hex));
        }
    }

    private static String canonical(String signature, boolean hex) {
        String s = signature.strip();
        return hex ? s.toLowerCase(Locale.ROOT) : s.replaceAll("=+$", "");
    }
}
