package org.matterhub.routes.billing.quickbooks;

import java.util.Optional;
import java.util.UUID;
import org.matterhub.connectors.kernel.ContentDownload;
import org.matterhub.connectors.quickbooks.QboInvoice;
import org.matterhub.connectors.quickbooks.QboNotFoundException;
import org.matterhub.routes.billing.InvoiceDocuments;
import org.springframework.stereotype.Component;

/**
 * A QuickBooks invoice's PDF as QuickBooks renders it, and its pay-now link: {@code InvoiceLink} on a read with
 * {@code include=invoiceLink}, none for a voided or settled invoice.
 */
@Component
public class QuickBooksInvoiceDocuments extends QuickBooksAdapter implements InvoiceDocuments {

    private final QuickBooksClients clients;

    public QuickBooksInvoiceDocuments(QuickBooksClients clients) {
        this.clients = clients;
    }

    @Override
    public Optional<ContentDownload> pdf(UUID firmId, UUID connectionId, String invoiceExternalId) {
        try {
            return Optional.of(clients.client(firmId, connectionId).invoicePdf(invoiceExternalId));
        } catch (QboNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> paymentLink(UUID firmId, UUID connectionId, String invoiceExternalId) {
        try {
            QboInvoice fresh = clients.client(firmId, connectionId).invoice(invoiceExternalId);
            boolean owes = !fresh.voided() && fresh.balance() != null && fresh.balance().signum() != 0;
            return owes ? Optional.ofNullable(fresh.invoiceLink()) : Optional.empty();
        } catch (QboNotFoundException e) {
            return Optional.empty();
        }
    }
}
