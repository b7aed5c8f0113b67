package org.matterhub.connectors.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.matterhub.connectors.kernel.HmacSignatures;

/** {@link QboWebhookVerifier} without the simulator: its key, its secrecy, and what it refuses. */
class QboWebhookVerifierTest {

    private static final String TOKEN = "verifier-token-123";
    private static final byte[] BODY = "{\"eventNotifications\":[]}".getBytes(StandardCharsets.UTF_8);

    @Test
    void acceptsOnlyTheTokensSignatureOfTheseBytes() {
        QboWebhookVerifier verifier = new QboWebhookVerifier(TOKEN);
        String signature = HmacSignatures.hmacSha256Base64(TOKEN, BODY);
        assertThat(verifier.verify(BODY, signature)).isTrue();
        assertThat(verifier.verify("{}".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        assertThat(verifier.verify(BODY, HmacSignatures.hmacSha256Base64(TOKEN + "4", BODY))).isFalse();
        assertThat(verifier.verify(BODY, null)).isFalse();
        assertThat(verifier.verify(null, signature)).isFalse();
    }

    @Test
    void needsATokenAndNeverShowsIt() {
        assertThatThrownBy(() -> new QboWebhookVerifier("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QboWebhookVerifier(null)).isInstanceOf(NullPointerException.class);
        assertThat(new QboWebhookVerifier(TOKEN).toString()).doesNotContain(TOKEN).contains("****");
        assertThat(QboWebhookVerifier.SIGNATURE_HEADER).isEqualTo("intuit-signature");
    }
}
