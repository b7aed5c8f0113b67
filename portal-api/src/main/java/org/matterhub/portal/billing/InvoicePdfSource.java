package org.matterhub.portal.billing;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.UUID;
import org.matterhub.store.model.BillingRepository.InvoiceRef;

/**
 * Where an invoice's PDF comes from: the accounting system that issued it (QuickBooks {@code GET /invoice/{id}/pdf},
 * Xero {@code GET /Invoices/{InvoiceID}} with {@code Accept: application/pdf}).
 *
 * <p>The API decides who may read the invoice (row-level security, in the caller's scope) and audits the download
 * before it asks for bytes; an implementation checks nothing about the caller and uses {@code firmId} only to act
 * with the firm's connection ({@link InvoiceRef#connectionId()}, {@link InvoiceRef#externalId()}). Production
 * registers one Spring bean of this type with the accounting routes; without it the PDF endpoint answers 503.
 */
public interface InvoicePdfSource {

    /**
     * Opens the invoice's PDF as the accounting system renders it. Called outside any database transaction.
     *
     * @param firmId  the firm whose connection issued the invoice
     * @param invoice the invoice, as the caller was allowed to read it
     * @return the PDF, open (the caller streams it to the client and closes it); empty when the accounting system has
     *         no PDF of this invoice (it was never issued there, or it is gone)
     * @throws IOException when the accounting system cannot be reached or answers with an error
     */
    Optional<InvoicePdf> open(UUID firmId, InvoiceRef invoice) throws IOException;

    /**
     * An open PDF.
     *
     * @param body          the bytes; the caller closes it
     * @param contentLength the length in bytes, or -1 when the accounting system did not say
     */
    record InvoicePdf(InputStream body, long contentLength) implements AutoCloseable {

        @Override
        public void close() throws IOException {
            body.close();
        }
    }
}
