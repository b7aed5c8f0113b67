package org.matterhub.routes.billing;

import java.util.UUID;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.stereotype.Component;

/** Starts a {@link BillingPoll}: loads the connection and what its pages are resolved against, once. */
@Component
public class BillingPolls {

    private final BillingConnections connections;
    private final BillingApplier applier;
    private final Tenancy tenancy;

    public BillingPolls(BillingConnections connections, BillingApplier applier, Tenancy tenancy) {
        this.connections = connections;
        this.applier = applier;
        this.tenancy = tenancy;
    }

    public BillingPoll open(UUID firmId, UUID connectionId, BillingSync vendor) {
        BillingConnections.Accounting a = connections.load(firmId, connectionId);
        BillingApplier.Context context = tenancy.read(TenantScope.system(firmId),
                () -> applier.context(connectionId, vendor.system().id(), a.settings(), vendor.defaultMatterRule()));
        return new BillingPoll(a, context, applier, tenancy);
    }
}
