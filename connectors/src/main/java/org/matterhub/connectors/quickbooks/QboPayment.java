package org.matterhub.connectors.quickbooks;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A QBO {@code Payment}. Amounts are in {@code currency}.
 *
 * @param id            {@code Id}
 * @param syncToken     {@code SyncToken}
 * @param customerId    {@code CustomerRef.value}
 * @param customerName  {@code CustomerRef.name}
 * @param totalAmt      {@code TotalAmt}
 * @param unappliedAmt  {@code UnappliedAmt}, or null
 * @param currency      {@code CurrencyRef.value}
 * @param txnDate       {@code TxnDate}
 * @param appliedTo     invoices the payment's lines link to, with the amount applied to each
 * @param paymentRefNum {@code PaymentRefNum}, or null
 * @param privateNote   {@code PrivateNote}, or null
 * @param lastUpdated   {@code MetaData.LastUpdatedTime}
 */
public record QboPayment(String id, String syncToken, String customerId, String customerName, BigDecimal totalAmt,
                         BigDecimal unappliedAmt, String currency, LocalDate txnDate, List<Applied> appliedTo,
                         String paymentRefNum, String privateNote, Instant lastUpdated) {

    public QboPayment {
        appliedTo = appliedTo == null ? List.of() : List.copyOf(appliedTo);
    }

    /** One line's link to an invoice: {@code Line[].LinkedTxn[]{TxnId, TxnType:"Invoice"}} and {@code Line[].Amount}. */
    public record Applied(String invoiceId, BigDecimal amount) {
    }
}
