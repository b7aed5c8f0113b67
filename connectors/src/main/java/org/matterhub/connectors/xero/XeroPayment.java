package org.matterhub.connectors.xero;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A payment applied to a sales invoice. Xero sends no payment webhooks: payments are found by polling
 * {@link XeroClient#paymentsModifiedSince}. A reversed payment keeps existing with {@link Status#DELETED}.
 *
 * @param id             {@code PaymentID}
 * @param invoiceId      the invoice paid
 * @param invoiceNumber  that invoice's number, or null
 * @param amount         in {@link #currencyCode()}
 * @param currencyCode   the invoice's currency, or null when Xero did not say
 * @param date           payment date
 * @param reference      free text, or null
 * @param status         {@code Status}
 * @param updatedDateUtc last change
 */
public record XeroPayment(UUID id, UUID invoiceId, String invoiceNumber, BigDecimal amount, String currencyCode,
                          LocalDate date, String reference, Status status, Instant updatedDateUtc) {

    /** {@code Status} of a payment. */
    public enum Status { AUTHORISED, DELETED, UNKNOWN }
}
