package org.matterhub.connectors.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Vectors from RFC 4231 §4.2 and computed independently with Python's {@code hmac} module. */
class HmacSignaturesTest {

    private static final byte[] FOX = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.US_ASCII);

    @Test
    void rfc4231TestCase1() {
        byte[] key = new byte[20];
        java.util.Arrays.fill(key, (byte) 0x0b);
        assertThat(HexFormat.of().formatHex(HmacSignatures.hmacSha256(key, "Hi There".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    }

    @Test
    void hexAndBase64() {
        assertThat(HmacSignatures.hmacSha256Hex("key", FOX))
                .isEqualTo("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
        assertThat(HmacSignatures.hmacSha256Base64("key", FOX)).isEqualTo("97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg=");
    }

    @Test
    void verification() {
        assertThat(HmacSignatures.verifyHex("key", FOX,
                "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8")).isTrue();
        assertThat(HmacSignatures.verifyHex("key", FOX,
                "F7BC83F430538424B13298E6AA6FB143EF4D59A14946175997479DBC2D1A3CD8")).isTrue();
        assertThat(HmacSignatures.verifyHex("key", FOX, "f7bc83")).isFalse();
        assertThat(HmacSignatures.verifyHex("key", FOX, "zz")).isFalse();
        assertThat(HmacSignatures.verifyHex("", FOX, "f7")).isFalse();
        assertThat(HmacSignatures.verifyBase64("key", FOX, "97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg=")).isTrue();
        assertThat(HmacSignatures.verifyBase64("key", FOX, "not base64!")).isFalse();
        assertThat(HmacSignatures.constantTimeEquals(new byte[] {1, 2}, new byte[] {1, 2})).isTrue();
        assertThat(HmacSignatures.constantTimeEquals(new byte[] {1, 2}, new byte[] {1, 3})).isFalse();
        assertThat(HmacSignatures.constantTimeEquals(null, new byte[] {1})).isFalse();
    }

    @Test
    void refusesWhatCannotBeASignatureOrAKey() {
        String good = "97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg=";
        assertThat(HmacSignatures.verifyBase64("key", FOX, "  " + good + "\r\n")).isTrue();
        assertThat(HmacSignatures.verifyBase64(null, FOX, good)).isFalse();
        assertThat(HmacSignatures.verifyBase64("", FOX, good)).isFalse();
        assertThat(HmacSignatures.verifyBase64("key", null, good)).isFalse();
        assertThat(HmacSignatures.verifyBase64("key", FOX, null)).isFalse();
        assertThat(HmacSignatures.verifyBase64("kez", FOX, good)).isFalse();
        String hex = HmacSignatures.hmacSha256Hex("key", FOX);
        assertThat(HmacSignatures.verifyHex(null, FOX, hex)).isFalse();
        assertThat(HmacSignatures.verifyHex("key", null, hex)).isFalse();
        assertThat(HmacSignatures.verifyHex("key", FOX, null)).isFalse();
        assertThat(HmacSignatures.constantTimeEquals(new byte[] {1}, null)).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HmacSignatures.hmacSha256(new byte[0], FOX))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HmacSignatures.hmacSha256(null, FOX))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
