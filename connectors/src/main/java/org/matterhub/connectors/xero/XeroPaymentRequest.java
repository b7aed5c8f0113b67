package org.matterhub.connectors.xero;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * A payment to record against an AUTHORISED sales invoice. The bank account is named by its code or its id (exactly
 * one).
 *
 * @param invoiceId   the invoice to pay
 * @param accountCode the bank account's code (e.g. {@code 090}), or null when {@code accountId} is given
 * @param accountId   the bank account's id, or null when {@code accountCode} is given
 * @param amount      positive, in the invoice's currency, at most the amount due
 * @param date        payment date
 * @param reference   shown on the payment in Xero (e.g. the portal's payment reference), or null
 */
public record XeroPaymentRequest(UUID invoiceId, String accountCode, UUID accountId, BigDecimal amount, LocalDate date,
                                 String reference) {

    public XeroPaymentRequest {
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(date, "date");
        if ((accountCode == null || accountCode.isBlank()) == (accountId == null)) {
            throw new IllegalArgumentException("name the bank account by exactly one of accountCode or accountId");
        }
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
    }

    /** A payment into the bank account with code {@code accountCode}. */
    public static XeroPaymentRequest toAccountCode(UUID invoiceId, String accountCode, BigDecimal amount,
                                                   LocalDate date, String reference) {
        return new XeroPaymentRequest(invoiceId, accountCode, null, amount, date, reference);
    }

    /** A payment into the bank account with id {@code accountId}. */
    public static XeroPaymentRequest toAccountId(UUID invoiceId, UUID accountId, BigDecimal amount, LocalDate date,
                                                 String reference) {
        return new XeroPaymentRequest(invoiceId, null, accountId, amount, date, reference);
    }
}
