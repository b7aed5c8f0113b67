package org.matterhub.connectors.clio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The expected signature was computed independently:
 * {@code python3 -c 'import hmac,hashlib; print(hmac.new(b"whsec-clio-test", BODY, hashlib.sha256).hexdigest())'}.
 */
class ClioWebhookVerifierTest {

    private static final String SECRET = "whsec-clio-test";
    private static final byte[] BODY = "{\"data\":{\"id\":152,\"etag\":\"\\\"9a10c1d2\\\"\"},\"meta\":{\"event\":\"created\",\"webhook_id\":1234}}"
            .getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "b3a6668551d9c91350bcb3331a090335df6895949faccff5836f5684070164dc";

    private final ClioWebhookVerifier verifier = new ClioWebhookVerifier();

    @Test
    void acceptsClioLowercaseHexAndTheUppercaseVariant() {
        assertThat(verifier.verify(BODY, SIGNATURE, SECRET)).isTrue();
        assertThat(verifier.verify(BODY, SIGNATURE.toUpperCase(), SECRET)).isTrue();
        assertThat(verifier.verify(BODY, " " + SIGNATURE + "\n", SECRET)).isTrue();
    }

    @ParameterizedTest(name = "rejects: {0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "wrong secret|" + SIGNATURE + "|other-secret",
            "missing signature|NULL|" + SECRET,
            "empty signature||" + SECRET,
            "missing secret|" + SIGNATURE + "|NULL",
            "truncated signature|b3a6668551d9c913|" + SECRET,
            "not hex|zz a6668551d9c91350bcb3331a090335df6895949faccff5836f5684070164dc|" + SECRET,
            "base64 instead of hex|s6ZmhVHZyRNQvLMzGgkDNd9olZSfrM/1g29WhAcBZNw=|" + SECRET,
            "one bit off|b3a6668551d9c91350bcb3331a090335df6895949faccff5836f5684070164dd|" + SECRET})
    void rejects(String why, String signature, String secret) {
        assertThat(verifier.verify(BODY, signature, secret)).isFalse();
    }

    @Test
    void aReserialisedBodyFails() {
        byte[] pretty = "{\"data\": {\"id\": 152, \"etag\": \"\\\"9a10c1d2\\\"\"}, \"meta\": {\"event\": \"created\", \"webhook_id\": 1234}}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(verifier.verify(pretty, SIGNATURE, SECRET)).isFalse();
    }

    @Test
    void handshakeHelpers() {
        assertThat(ClioWebhookVerifier.handshakeSecret(null)).isEmpty();
        assertThat(ClioWebhookVerifier.handshakeSecret("  ")).isEmpty();
        assertThat(ClioWebhookVerifier.handshakeSecret("abc123")).contains("abc123");
        assertThat(ClioWebhookVerifier.handshakeResponseHeaders("abc123")).isEqualTo(Map.of("X-Hook-Secret", "abc123"));
        assertThat(ClioWebhookVerifier.SIGNATURE_HEADER).isEqualTo("X-Hook-Signature");
    }

    @Test
    void eventParsingAndDedupeKey() {
        ClioWebhookEvent event = ClioWebhookEvent.parse(BODY);
        assertThat(event.event()).isEqualTo("created");
        assertThat(event.webhookId()).isEqualTo(1234);
        assertThat(event.recordId()).isEqualTo("152");
        assertThat(event.etag()).isEqualTo("\"9a10c1d2\"");
        assertThat(event.dedupeKey()).isEqualTo("1234:created:152:\"9a10c1d2\"");
        assertThat(event.isDeletion()).isFalse();

        ClioWebhookEvent deleted = ClioWebhookEvent.parse(
                "{\"data\":{\"id\":152},\"meta\":{\"event\":\"deleted\",\"webhook_id\":1234}}".getBytes(StandardCharsets.UTF_8));
        assertThat(deleted.dedupeKey()).isEqualTo("1234:deleted:152:");
        assertThat(deleted.isDeletion()).isTrue();

        assertThatThrownBy(() -> ClioWebhookEvent.parse("{\"data\":{}}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClioWebhookEvent.parse("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
