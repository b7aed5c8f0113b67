package org.matterhub.routes.billing;

import org.matterhub.connectors.kernel.ErrorClassifier;
import org.matterhub.mappings.canonical.SourceSystem;
import org.matterhub.routes.engine.QueueDrainer;
import org.matterhub.store.sync.InboxEntry;
import org.matterhub.store.tenancy.TenantContext;

/**
 * An accounting vendor's webhook delivery in the inbox: the connection it names polls at once (CDC or
 * modified-since), outside the inbox row's transaction, reading what changed with everything else that changed since
 * the last poll. Events carry no amounts, so nothing is taken from them directly; deliveries that arrive while a poll
 * is running fold into one further poll. Each vendor declares its own handler bean (the inbox's key is the vendor).
 */
public abstract class BillingWebhookInboxHandler implements QueueDrainer.InboxHandler {

    private final BillingSyncService sync;
    private final String vendor;

    protected BillingWebhookInboxHandler(BillingSyncService sync, SourceSystem vendor) {
        this.sync = sync;
        this.vendor = vendor.id();
    }

    @Override
    public String key() {
        return vendor;
    }

    @Override
    public ErrorClassifier classifier() {
        return sync.errors(vendor);
    }

    @Override
    public void handle(InboxEntry entry) {
        sync.requestPoll(vendor, TenantContext.current().orElseThrow().firmId(), entry.connectionId());
    }
}
