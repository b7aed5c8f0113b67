package org.matterhub.connectors.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.matterhub.connectors.kernel.HmacSignatures;
import org.matterhub.connectors.kernel.WebhookSignatureProperties;

/**
 * Fuzzes what the QuickBooks webhook endpoint does with a body from outside: {@link QboWebhookVerifier} over it, and
 * {@link QboWebhookParser} in both payload formats. Seeds: legacy and CloudEvents deliveries as Intuit documents
 * them and the simulator sends them (QboWebhookFuzzTestInputs/deliveries). docs/testing.md "Fuzzing".
 */
class QboWebhookFuzzTest {

    private static final String TOKEN = "verifier-token-123";
    private final QboWebhookVerifier verifier = new QboWebhookVerifier(TOKEN);
    private final QboWebhookParser parser = new QboWebhookParser();

    @FuzzTest(maxDuration = "10s")
    void deliveries(byte[] body) {
        WebhookSignatureProperties.check(body, verifier::verify, b -> HmacSignatures.hmacSha256Base64(TOKEN, b),
                b -> HmacSignatures.hmacSha256Base64("verifier-token-124", b), false);

        List<QboEntityChange> changes;
        try {
            changes = parser.parse(body);
        } catch (QboMalformedWebhookException documented) {
            return; // dead-lettered as malformed
        }
        // Every change names its company, entity, id and operation: nothing blank reaches the sync.
        assertThat(changes).allSatisfy(c -> {
            assertThat(c.realmId()).isNotBlank();
            assertThat(c.entity()).isNotBlank();
            assertThat(c.id()).isNotBlank();
            assertThat(c.operation()).isNotBlank();
        });
    }
}
