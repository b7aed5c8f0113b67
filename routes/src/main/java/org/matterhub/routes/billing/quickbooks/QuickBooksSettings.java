package org.matterhub.routes.billing.quickbooks;

import org.matterhub.mappings.canonical.SourceSystem;
import org.matterhub.routes.billing.BillingConnections;
import org.matterhub.routes.billing.BillingSettingsEditor;
import org.springframework.stereotype.Component;

/** A QuickBooks Online connection's settings change; its company ({@code realmId}) stays. */
@Component
public class QuickBooksSettings extends BillingSettingsEditor {

    public QuickBooksSettings(BillingConnections connections) {
        super(connections, SourceSystem.QUICKBOOKS, QuickBooksAdapter.NAME);
    }
}
