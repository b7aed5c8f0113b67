package org.matterhub.routes.billing;

import java.util.UUID;
import org.matterhub.mappings.billing.InvoiceMatterRule;
import org.matterhub.routes.vendor.ConnectionSync;
import org.matterhub.routes.vendor.VendorErrors;

/**
 * A vendor's inbound billing sync: one poll reads what changed (a backfill until it is complete, then incrementally)
 * and writes it page by page through {@link BillingPoll}, each page with its cursor in one transaction.
 * {@link #resetCursors} holds the connection's poll lock ({@link org.matterhub.routes.engine.ConnectionPollLocks}) while it drops the cursors.
 */
public interface BillingSync extends ConnectionSync, VendorErrors {

    /** One poll of the connection; the caller holds its poll lock and retries what {@link #errors()} calls retriable. */
    void poll(BillingPoll poll);

    /** Whether the connection's backfill has finished. */
    boolean backfillComplete(UUID firmId, UUID connectionId);


    /** Where the vendor's firms usually keep the matter number, when the connection's settings name no rule. */
    InvoiceMatterRule defaultMatterRule();
}
