package org.matterhub.connectors.quickbooks;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A payment received against one invoice, to record in QBO.
 *
 * @param customerId    {@code CustomerRef.value}: the invoice's customer
 * @param invoiceId     the invoice the whole amount is applied to
 * @param amount        amount received, positive, in {@code currency}
 * @param currency      ISO currency code; null to take the customer's currency
 * @param txnDate       date received; null for today in the company's time zone
 * @param paymentRefNum {@code PaymentRefNum} (cheque number, portal payment id), or null
 * @param privateNote   {@code PrivateNote}, or null
 */
public record QboPaymentRequest(String customerId, String invoiceId, BigDecimal amount, String currency,
                                LocalDate txnDate, String paymentRefNum, String privateNote) {

    public QboPaymentRequest {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
    }
}
