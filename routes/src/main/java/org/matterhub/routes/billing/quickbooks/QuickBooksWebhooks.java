package org.matterhub.routes.billing.quickbooks;

import java.util.Arrays;
import java.util.Map;
import org.matterhub.connectors.quickbooks.QboEntityChange;
import org.matterhub.connectors.quickbooks.QboMalformedWebhookException;
import org.matterhub.connectors.quickbooks.QboWebhookParser;
import org.matterhub.connectors.quickbooks.QboWebhookVerifier;
import org.matterhub.routes.billing.BillingProperties;
import org.matterhub.routes.billing.BillingWebhooks;
import org.matterhub.routes.billing.WebhookBodies;
import org.springframework.stereotype.Component;

/**
 * QuickBooks webhooks: {@code intuit-signature}, base64 HMAC-SHA256 with the app's verifier token, legacy and
 * CloudEvents payloads (VENDORS.md §4.5); a delivery's changes grouped by company ({@code realmId}).
 */
@Component
public class QuickBooksWebhooks extends QuickBooksAdapter implements BillingWebhooks {

    private final BillingProperties properties;
    private final QboWebhookParser parser = new QboWebhookParser();

    public QuickBooksWebhooks(BillingProperties properties) {
        this.properties = properties;
    }

    @Override
    public boolean configured() {
        String token = properties.quickbooks().webhookToken();
        return token != null && !token.isBlank();
    }

    @Override
    public String signatureHeader() {
        return QboWebhookVerifier.SIGNATURE_HEADER;
    }

    @Override
    public boolean verify(byte[] body, String signature) {
        return new QboWebhookVerifier(properties.quickbooks().webhookToken()).verify(body, signature);
    }

    @Override
    public String refusalDetail() {
        return "intuit-signature does not match the body.";
    }

    @Override
    public Map<String, String> changesByAccount(byte[] body) {
        try {
            return WebhookBodies.changesByAccount(parser.parse(body), QboEntityChange::realmId,
                    c -> Arrays.asList(c.entity(), c.id(), c.operation(), c.lastUpdated()));
        } catch (QboMalformedWebhookException e) {
            throw new UnreadableWebhookException(WebhookBodies.firstValue(body, "realmId", "intuitaccountid"),
                    e.getMessage(), e);
        }
    }
}
