package org.matterhub.mappings.billing;

/**
 * What a firm-recorded payment (bank transfer, cheque) must satisfy before the hub posts it to the accounting system:
 * a positive amount, in the invoice's currency, no larger than what the invoice still owes. The accounting system owns
 * the balance; the check uses the balance last synchronised from it, and the system itself has the last word.
 */
public final class PaymentAmounts {

    private PaymentAmounts() {
    }

    /** The payment amount, or a {@link MoneyException} saying what is wrong with it. */
    public static Money check(Money payment, Money invoiceBalance) {
        if (!payment.currency().equals(invoiceBalance.currency())) {
            throw new MoneyException(MoneyException.Reason.CURRENCY_MISMATCH, "The payment is in "
                    + payment.currency().getCurrencyCode() + " but the invoice is in "
                    + invoiceBalance.currency().getCurrencyCode() + ".");
        }
        if (payment.minorUnits() <= 0) {
            throw new MoneyException(MoneyException.Reason.NOT_POSITIVE, "A payment must be more than zero (" + payment + ").");
        }
        if (payment.compareTo(invoiceBalance) > 0) {
            throw new MoneyException(MoneyException.Reason.EXCEEDS_BALANCE, "The payment of " + payment
                    + " is more than the " + invoiceBalance + " the invoice still owes.");
        }
        return payment;
    }
}
