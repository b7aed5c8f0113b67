package org.matterhub.connectors.clio;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.matterhub.connectors.kernel.HmacSignatures;
import org.matterhub.connectors.kernel.WebhookSignatureProperties;

/**
 * Fuzzes what Clio's webhook endpoint does with a body from outside: {@link ClioWebhookVerifier} over it, and
 * {@link ClioWebhookEvent#parse}. Seeds: deliveries as Clio sends them (ClioWebhookFuzzTestInputs/deliveries).
 * docs/testing.md "Fuzzing".
 */
class ClioWebhookFuzzTest {

    private static final String SECRET = "b2f7c1d9e8a64f3c9d0e1a2b3c4d5e6f";
    private final ClioWebhookVerifier verifier = new ClioWebhookVerifier();

    @FuzzTest(maxDuration = "10s")
    void deliveries(byte[] body) {
        WebhookSignatureProperties.check(body, (b, sig) -> verifier.verify(b, sig, SECRET),
                b -> HmacSignatures.hmacSha256Hex(SECRET, b), b -> HmacSignatures.hmacSha256Hex(SECRET + "x", b), true);
        assertThat(verifier.verify(body, HmacSignatures.hmacSha256Hex(SECRET, body), null)).isFalse();

        ClioWebhookEvent event;
        try {
            event = ClioWebhookEvent.parse(body);
        } catch (IllegalArgumentException documented) {
            return; // the controller answers 401 (an unparseable body names no webhook whose secret could verify it)
        }
        // What the controller and the inbox read from a parsed event never fails.
        assertThat(event.event()).isNotNull();
        assertThat(event.recordId()).isNotNull();
        assertThat(event.dedupeKey()).startsWith(event.webhookId() + ":" + event.event() + ":" + event.recordId() + ":");
        assertThat(event.isDeletion()).isEqualTo("deleted".equals(event.event()));
    }
}
