package org.matterhub.routes.billing.quickbooks;

import java.util.Optional;
import java.util.UUID;
import org.matterhub.connectors.kernel.ContentDownload;
import org.matterhub.connectors.quickbooks.QboInvoice;
import org.matterhub.connectors.quickbooks.QboNotFoundException;
import org.matterhub.routes.billing.BillingConnections;
import org.matterhub.routes.billing.InvoiceDocuments;
import org.springframework.stereotype.Component;

/**
 * A QuickBooks invoice's PDF as QuickBooks renders it, and its pay-now link: {@code InvoiceLink} on a read with
 * {@code include=invoiceLink}, none for a voided or settled invoice.
 */
@Component
public class QuickBooksInvoiceDocuments extends QuickBooksAdapter implements InvoiceDocuments {

    private final BillingConnections connections;

    public QuickBooksInvoiceDocuments(BillingConnections connections) {
        this.connections = connections;
    }

    @Override
    public Optional<ContentDownload> pdf(UUID firmId, UUID connectionId, String invoiceExternalId) {
        try {
            return Optional.of(connections.quickbooks(firmId, connectionId).invoicePdf(invoiceExternalId));
        } catch (QboNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> paymentLink(UUID firmId, UUID connectionId, String invoiceExternalId) {
        try {
            QboInvoice fresh = connections.quickbooks(firmId, connectionId).invoice(invoiceExternalId);
            boolean owes = !fresh.voided() && fresh.balance() != null && fresh.balance().signum() != 0;
            return owes ? Optional.ofNullable(fresh.invoiceLink()) : Optional.empty();
        } catch (QboNotFoundException e) {
            return Optional.empty();
        }
    }
}
