package org.matterhub.routes.billing;

import java.util.Map;
import java.util.UUID;
import org.matterhub.routes.vendor.VendorAdapter;

/** A vendor's view of what every invoice of a connection still owes, for {@link BillingReconciliation}. */
public interface BillingBalances extends VendorAdapter {

    /**
     * What the vendor says an invoice still owes.
     *
     * @param currency           ISO 4217
     * @param balanceMinor       what is still owed, in minor units; 0 for a void, draft or paid invoice
     * @param customerExternalId the billed customer or contact, or null
     */
    record OpenBalance(String currency, long balanceMinor, String customerExternalId) {
    }

    /** Every invoice of the connection, by external id, read from the vendor now. */
    Map<String, OpenBalance> balances(UUID firmId, UUID connectionId);
}
