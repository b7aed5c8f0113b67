package org.matterhub.routes.billing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.matterhub.mappings.billing.BillingSettings;
import org.matterhub.mappings.canonical.SourceSystem;
import org.matterhub.routes.vendor.ConnectionSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How QuickBooks Online and Xero connections take new mapping settings ({@link ConnectionSettings}): the settings
 * given replace the stored ones, except the company ({@code realmId}) or organisation ({@code tenantId}) the
 * connection was authorised for, which only a new connect changes.
 */
@Configuration(proxyBeanMethods = false)
public class BillingSettingsEditors {

    @Bean
    ConnectionSettings quickBooksSettings(BillingConnections connections) {
        return new Editor(SourceSystem.QUICKBOOKS, "QuickBooks Online", connections);
    }

    @Bean
    ConnectionSettings xeroSettings(BillingConnections connections) {
        return new Editor(SourceSystem.XERO, "Xero", connections);
    }

    /** One accounting vendor's editor: the rules are the same for both. */
    record Editor(SourceSystem system, String displayName, BillingConnections connections) implements ConnectionSettings {

        @Override
        public Replacement replace(String stored, JsonNode given) {
            BillingSettings kept = BillingSettings.parse(stored);
            BillingSettings merged = BillingConnectController.settings(given).withRealm(kept.realmId())
                    .withTenant(kept.tenantId());
            return new Replacement(merged, merged.toJson());
        }

        @Override
        public void changed(UUID connectionId) {
            connections.evict(connectionId);
        }
    }
}
