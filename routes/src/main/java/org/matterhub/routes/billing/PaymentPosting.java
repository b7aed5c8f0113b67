package org.matterhub.routes.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.matterhub.mappings.billing.BillingFeed;
import org.matterhub.routes.vendor.VendorAdapter;

/**
 * Records a firm-recorded payment in the vendor, exactly once: {@code idempotencyKey} is the vendor's request id or
 * idempotency key of the one create, so a retry gets the payment already made, and {@code note} (which starts with the
 * posting's marker) rides on the payment.
 */
public interface PaymentPosting extends VendorAdapter {

    /** A payment to record against one invoice. */
    record Order(String idempotencyKey, String invoiceExternalId, String customerExternalId, BigDecimal amount,
                 String currency, LocalDate receivedOn, String note) {
    }

    /** The vendor's payment: its id and its applications as canonical records. */
    record Posted(String externalId, List<BillingFeed.Payment> applications) {
    }

    Posted post(BillingConnections.Accounting connection, Order order);
}
