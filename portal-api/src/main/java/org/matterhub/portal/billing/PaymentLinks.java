package org.matterhub.portal.billing;

import java.util.Optional;
import java.util.UUID;

/**
 * The accounting system's hosted payment page for an invoice ("pay now"): QuickBooks {@code InvoiceLink} (read with
 * {@code include=invoiceLink}), Xero's online invoice URL ({@code GET /Invoices/{InvoiceID}/OnlineInvoice}). No card
 * data ever touches the hub: the client pays on the vendor's page and the payment comes back through the sync.
 *
 * <p>The API checks that the caller may read the invoice and that it still owes something before it asks; an
 * implementation may use the link last read ({@code invoice.payment_url}) while it is fresh. Production registers one
 * Spring bean of this type with the accounting routes; without it the pay endpoint answers 503.
 */
public interface PaymentLinks {

    /**
     * The URL a client opens to pay the invoice. Called outside any database transaction.
     *
     * @param firmId    the firm whose connection issued the invoice
     * @param invoiceId the portal's invoice id
     * @return the link; empty when the accounting system offers none for this invoice (online payments are not
     *         enabled for it, or it no longer owes anything there)
     * @throws java.io.UncheckedIOException when the accounting system cannot be reached or answers with an error
     */
    Optional<String> link(UUID firmId, UUID invoiceId);
}
