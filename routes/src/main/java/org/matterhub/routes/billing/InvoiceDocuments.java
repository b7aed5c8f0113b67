package org.matterhub.routes.billing;

import java.util.Optional;
import java.util.UUID;
import org.matterhub.connectors.kernel.ContentDownload;
import org.matterhub.routes.vendor.VendorAdapter;

/**
 * What the vendor renders for a client about one invoice: its PDF and its hosted payment page. Both return empty when
 * the vendor no longer has the invoice; other vendor failures are thrown as the connector's
 * {@link org.matterhub.connectors.kernel.VendorException}.
 */
public interface InvoiceDocuments extends VendorAdapter {

    Optional<ContentDownload> pdf(UUID firmId, UUID connectionId, String invoiceExternalId);

    /** The invoice's payment page, read from the vendor now; empty when it has none (paid, void). */
    Optional<String> paymentLink(UUID firmId, UUID connectionId, String invoiceExternalId);
}
