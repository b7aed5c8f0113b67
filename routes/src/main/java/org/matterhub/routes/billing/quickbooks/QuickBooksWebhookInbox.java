package org.matterhub.routes.billing.quickbooks;

import org.matterhub.mappings.canonical.SourceSystem;
import org.matterhub.routes.billing.BillingSyncService;
import org.matterhub.routes.billing.BillingWebhookInboxHandler;
import org.springframework.stereotype.Component;

/** QuickBooks webhook deliveries in the inbox: the company's connection polls (CDC) at once. */
@Component
public class QuickBooksWebhookInbox extends BillingWebhookInboxHandler {

    public QuickBooksWebhookInbox(BillingSyncService sync) {
        super(sync, SourceSystem.QUICKBOOKS);
    }
}
