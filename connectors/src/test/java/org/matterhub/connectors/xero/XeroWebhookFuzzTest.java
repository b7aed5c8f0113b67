package org.matterhub.connectors.xero;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.matterhub.connectors.kernel.HmacSignatures;
import org.matterhub.connectors.kernel.WebhookSignatureProperties;

/**
 * Fuzzes what the Xero webhook endpoint does with a body from outside: {@link XeroWebhookVerifier} over it, and
 * {@link XeroWebhookParser}. Seeds: deliveries from Xero's webhook contract and the Intent-to-Receive payload
 * (XeroWebhookFuzzTestInputs/deliveries). docs/testing.md "Fuzzing".
 */
class XeroWebhookFuzzTest {

    private static final String KEY = "xero-webhook-key-AbC123==";
    private final XeroWebhookVerifier verifier = new XeroWebhookVerifier(KEY);
    private final XeroWebhookParser parser = new XeroWebhookParser();

    @FuzzTest(maxDuration = "10s")
    void deliveries(byte[] body) {
        WebhookSignatureProperties.check(body, verifier::verify, b -> HmacSignatures.hmacSha256Base64(KEY, b),
                b -> HmacSignatures.hmacSha256Base64(KEY + "x", b), false);

        List<XeroEntityEvent> events;
        try {
            events = parser.parse(body);
        } catch (XeroWebhookParseException documented) {
            return; // accepted and dead-lettered
        }
        assertThat(events).allSatisfy(e -> {
            assertThat(e.tenantId()).isNotNull();
            assertThat(e.category()).isNotNull();
            assertThat(e.resourceId()).isNotNull();
            assertThat(e.eventType()).isNotBlank();
            assertThat(e.eventDateUtc()).isNotNull();
        });
    }
}
