package org.matterhub.routes.billing;

import java.util.UUID;
import org.matterhub.mappings.billing.BillingFeed;
import org.matterhub.mappings.billing.BillingSettings;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;

/**
 * One poll of one accounting connection: the connection, its settings and what the pages are resolved against (the
 * firm's matters, organisations and the connection's customers, read once when the poll starts and kept current as
 * customers are written). A vendor's {@link BillingSync} hands each page to {@link #write} with its cursor move.
 */
public final class BillingPoll {

    private final BillingConnections.Accounting accounting;
    private final BillingApplier.Context context;
    private final BillingApplier applier;
    private final Tenancy tenancy;

    BillingPoll(BillingConnections.Accounting accounting, BillingApplier.Context context, BillingApplier applier,
                Tenancy tenancy) {
        this.accounting = accounting;
        this.context = context;
        this.applier = applier;
        this.tenancy = tenancy;
    }

    public UUID firmId() {
        return accounting.connection().firmId();
    }

    public UUID connectionId() {
        return accounting.id();
    }

    public BillingSettings settings() {
        return accounting.settings();
    }

    /** The firm's scope as the system actor, for the adapter's cursor reads. */
    public TenantScope scope() {
        return TenantScope.system(firmId());
    }

    /** Writes a page and, in the same transaction, {@code alsoInTransaction} (the cursor's move). */
    public BillingApplier.Outcome write(BillingFeed feed, Runnable alsoInTransaction) {
        return tenancy.write(scope(), () -> {
            BillingApplier.Outcome o = applier.apply(context, feed);
            alsoInTransaction.run();
            return o;
        });
    }
}
