package org.matterhub.routes.billing.xero;

import org.matterhub.mappings.canonical.SourceSystem;
import org.matterhub.routes.billing.BillingSyncService;
import org.matterhub.routes.billing.BillingWebhookInboxHandler;
import org.springframework.stereotype.Component;

/** Xero webhook deliveries in the inbox: the organisation's connection polls (modified-since) at once. */
@Component
public class XeroWebhookInbox extends BillingWebhookInboxHandler {

    public XeroWebhookInbox(BillingSyncService sync) {
        super(sync, SourceSystem.XERO);
    }
}
