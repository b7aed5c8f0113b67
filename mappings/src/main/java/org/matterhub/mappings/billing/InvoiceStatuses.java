package org.matterhub.mappings.billing;

import java.math.BigDecimal;

/**
 * The portal's invoice statuses (draft, open, partially_paid, paid, void, deleted) where they follow from amounts
 * alone: "partially paid" is the portal's word for an open invoice whose balance is below its total.
 */
public final class InvoiceStatuses {

    private InvoiceStatuses() {
    }

    /** {@code paid}, {@code partially_paid} or {@code open}, from an issued invoice's total and balance still due. */
    public static String ofAmounts(BigDecimal total, BigDecimal balance) {
        if (total == null || balance == null) {
            return "open";
        }
        if (balance.signum() == 0 && total.signum() > 0) {
            return "paid";
        }
        return balance.compareTo(total) < 0 ? "partially_paid" : "open";
    }
}
