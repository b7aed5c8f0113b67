package org.matterhub.portal.billing;

import org.matterhub.mappings.billing.Money;
import org.matterhub.mappings.billing.MoneyException;
import org.matterhub.mappings.billing.PaymentAmounts;

/**
 * What a firm-recorded payment must satisfy before it is posted: an amount written exactly (no more decimals than the
 * currency has, within range), not negative, positive, in the invoice's currency, and no more than the invoice still
 * owes once the payments already recorded and not yet read back from the accounting system are counted.
 */
final class PaymentPostingCheck {

    private PaymentPostingCheck() {
    }

    /**
     * The payment, or a {@link MoneyException} saying what is wrong with it.
     *
     * @param balanceMinor the invoice's balance as last synchronised, in minor units of {@code invoiceCurrency}
     * @param pendingMinor the sum of the invoice's postings still pending
     */
    static Money check(String amount, String currency, String invoiceCurrency, long balanceMinor, long pendingMinor) {
        Money payment = Money.parse(amount, currency).requireNonNegative("A payment");
        Money balance = Money.ofMinor(balanceMinor, invoiceCurrency);
        Money available = balance.minus(Money.ofMinor(pendingMinor, invoiceCurrency));
        if (available.isNegative()) {
            available = Money.ofMinor(0, invoiceCurrency);
        }
        try {
            return PaymentAmounts.check(payment, available);
        } catch (MoneyException e) {
            if (e.reason() == MoneyException.Reason.EXCEEDS_BALANCE && pendingMinor > 0) {
                throw new MoneyException(e.reason(), "The payment of " + payment + " is more than the " + available
                        + " the invoice still owes: its balance is " + balance + ", of which "
                        + Money.ofMinor(pendingMinor, invoiceCurrency) + " is already recorded and awaiting posting.");
            }
            throw e;
        }
    }
}
