package org.matterhub.routes.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.matterhub.routes.billing.quickbooks.QuickBooksWebhooks;
import org.matterhub.routes.billing.xero.XeroWebhooks;

/** The vendors' webhook adapters with the connectors' real verifiers and parsers. */
class BillingWebhooksTest {

    private static final BillingProperties PROPERTIES = new BillingProperties(
            new BillingProperties.QuickBooks(null, null, null, null, 0, null, "qbo-token", null),
            new BillingProperties.Xero(null, null, null, null, null, "xero-key", null), java.time.Duration.ofMinutes(1),
            java.time.Duration.ofHours(6));

    private final QuickBooksWebhooks quickbooks = new QuickBooksWebhooks(PROPERTIES);
    private final XeroWebhooks xero = new XeroWebhooks(PROPERTIES);

    @Test
    void quickBooksDeliveriesAreSignedWithTheVerifierTokenAndGroupedByCompany() throws Exception {
        byte[] body = ("[{\"specversion\":\"1.0\",\"id\":\"a\",\"type\":\"qbo.invoice.updated.v1\",\"intuitaccountid\":\"111\","
                + "\"intuitentityid\":\"1\",\"time\":\"2026-11-20T10:00:00Z\"},"
                + "{\"specversion\":\"1.0\",\"id\":\"b\",\"type\":\"qbo.payment.created.v1\",\"intuitaccountid\":\"222\","
                + "\"intuitentityid\":\"9\",\"time\":\"2026-11-20T10:00:01Z\"},"
                + "{\"specversion\":\"1.0\",\"id\":\"c\",\"type\":\"qbo.customer.updated.v1\",\"intuitaccountid\":\"111\","
                + "\"intuitentityid\":\"4\",\"time\":\"2026-11-20T10:00:02Z\"}]").getBytes(StandardCharsets.UTF_8);
        assertThat(quickbooks.configured()).isTrue();
        assertThat(quickbooks.signatureHeader()).isEqualTo("intuit-signature");
        assertThat(quickbooks.verify(body, sign("qbo-token", body))).isTrue();
        assertThat(quickbooks.verify(body, sign("other", body))).isFalse();
        assertThat(quickbooks.refusalDetail()).isNotBlank();
        assertThat(quickbooks.changesByAccount(body)).containsOnlyKeys("111", "222");
        assertThat(quickbooks.changesByAccount(body).get("111")).contains(":1:").contains(":4:");
    }

    @Test
    void anUnreadableQuickBooksDeliveryStillNamesItsCompany() {
        byte[] broken = "{\"eventNotifications\":[{\"realmId\":\"123\",\"dataChangeEvent\":{\"entities\":[{\"name\":42}]}}]"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> quickbooks.changesByAccount(broken))
                .isInstanceOfSatisfying(BillingWebhooks.UnreadableWebhookException.class,
                        e -> assertThat(e.account()).isEqualTo("123"));
    }

    @Test
    void xerosIntentToReceiveIsAnEmptySignedDeliveryAndARefusalIsABare401() throws Exception {
        byte[] intent = "{\"events\":[],\"firstEventSequence\":0,\"lastEventSequence\":0,\"entropy\":\"ABC\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(xero.signatureHeader()).isEqualTo("x-xero-signature");
        assertThat(xero.verify(intent, sign("xero-key", intent))).isTrue();
        assertThat(xero.verify(intent, sign("nope", intent))).isFalse();
        assertThat(xero.refusalDetail()).isNull();
        assertThat(xero.changesByAccount(intent)).isEmpty();
    }

    @Test
    void withoutASecretTheEndpointIsNotConfigured() {
        BillingProperties none = new BillingProperties(null, null, java.time.Duration.ofMinutes(1),
                java.time.Duration.ofHours(6));
        assertThat(new QuickBooksWebhooks(none).configured()).isFalse();
        assertThat(new XeroWebhooks(none).configured()).isFalse();
    }

    private static String sign(String key, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(body));
    }
}
