package org.matterhub.routes.billing.xero;

import org.matterhub.mappings.canonical.SourceSystem;
import org.matterhub.routes.billing.BillingConnections;
import org.matterhub.routes.billing.BillingSettingsEditor;
import org.springframework.stereotype.Component;

/** A Xero connection's settings change; its organisation ({@code tenantId}) stays. */
@Component
public class XeroSettings extends BillingSettingsEditor {

    public XeroSettings(BillingConnections connections) {
        super(connections, SourceSystem.XERO, XeroAdapter.NAME);
    }
}
