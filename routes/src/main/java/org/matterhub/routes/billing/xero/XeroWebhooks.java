package org.matterhub.routes.billing.xero;

import java.util.Arrays;
import java.util.Map;
import org.matterhub.connectors.xero.XeroEntityEvent;
import org.matterhub.connectors.xero.XeroWebhookParseException;
import org.matterhub.connectors.xero.XeroWebhookParser;
import org.matterhub.connectors.xero.XeroWebhookVerifier;
import org.matterhub.routes.billing.BillingProperties;
import org.matterhub.routes.billing.BillingWebhooks;
import org.matterhub.routes.billing.WebhookBodies;
import org.springframework.stereotype.Component;

/**
 * Xero webhooks: {@code x-xero-signature}, base64 HMAC-SHA256 with the webhook key; intent-to-receive is a signed
 * delivery with no events, and a refused signature is exactly 401 with an empty body (VENDORS.md §5.5). A delivery's
 * events are grouped by organisation ({@code tenantId}).
 */
@Component
public class XeroWebhooks extends XeroAdapter implements BillingWebhooks {

    private final BillingProperties properties;
    private final XeroWebhookParser parser = new XeroWebhookParser();

    public XeroWebhooks(BillingProperties properties) {
        this.properties = properties;
    }

    @Override
    public boolean configured() {
        String key = properties.xero().webhookKey();
        return key != null && !key.isBlank();
    }

    @Override
    public String signatureHeader() {
        return "x-xero-signature";
    }

    @Override
    public boolean verify(byte[] body, String signature) {
        return new XeroWebhookVerifier(properties.xero().webhookKey()).verify(body, signature);
    }

    /** Xero's intent-to-receive expects exactly 401 with an empty body. */
    @Override
    public String refusalDetail() {
        return null;
    }

    @Override
    public Map<String, String> changesByAccount(byte[] body) {
        try {
            return WebhookBodies.changesByAccount(parser.parse(body), e -> e.tenantId().toString(),
                    e -> Arrays.asList(e.category(), e.resourceId(), e.eventType(), e.eventDateUtc()));
        } catch (XeroWebhookParseException e) {
            throw new UnreadableWebhookException(WebhookBodies.firstValue(body, "tenantId"), e.getMessage(), e);
        }
    }
}
