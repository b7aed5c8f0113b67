package org.matterhub.routes.billing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.matterhub.mappings.billing.BillingSettings;
import org.matterhub.mappings.canonical.SourceSystem;
import org.matterhub.routes.vendor.ConnectionSettings;
import org.matterhub.routes.vendor.VendorIdentity;

/**
 * How an accounting connection takes new mapping settings ({@link ConnectionSettings}): the settings given replace
 * the stored ones, except the company ({@code realmId}) or organisation ({@code tenantId}) the connection was
 * authorised for, which only a new connect changes. Each accounting vendor registers one in its own package.
 */
public abstract class BillingSettingsEditor extends VendorIdentity implements ConnectionSettings {

    private final BillingConnections connections;

    protected BillingSettingsEditor(BillingConnections connections, SourceSystem system, String displayName) {
        super(system, displayName);
        this.connections = connections;
    }

    @Override
    public Replacement replace(String stored, JsonNode given) {
        BillingSettings kept = BillingSettings.parse(stored);
        BillingSettings merged = BillingSettings.parse(given == null || given.isNull() ? "{}" : given.toString())
                .withRealm(kept.realmId()).withTenant(kept.tenantId());
        return new Replacement(merged, merged.toJson());
    }

    @Override
    public void changed(UUID connectionId) {
        connections.evict(connectionId);
    }
}
