package org.matterhub.routes.billing.xero;

import java.util.Optional;
import java.util.UUID;
import org.matterhub.connectors.kernel.ContentDownload;
import org.matterhub.connectors.xero.XeroNotFoundException;
import org.matterhub.routes.billing.InvoiceDocuments;
import org.springframework.stereotype.Component;

/** A Xero invoice's PDF as Xero renders it, and its online invoice URL (a call of its own). */
@Component
public class XeroInvoiceDocuments extends XeroAdapter implements InvoiceDocuments {

    private final XeroClients clients;

    public XeroInvoiceDocuments(XeroClients clients) {
        this.clients = clients;
    }

    @Override
    public Optional<ContentDownload> pdf(UUID firmId, UUID connectionId, String invoiceExternalId) {
        try {
            return Optional.of(clients.client(firmId, connectionId).invoicePdf(UUID.fromString(invoiceExternalId)));
        } catch (XeroNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> paymentLink(UUID firmId, UUID connectionId, String invoiceExternalId) {
        try {
            return Optional.ofNullable(clients.client(firmId, connectionId)
                    .onlineInvoiceUrl(UUID.fromString(invoiceExternalId)));
        } catch (XeroNotFoundException e) {
            return Optional.empty();
        }
    }
}
