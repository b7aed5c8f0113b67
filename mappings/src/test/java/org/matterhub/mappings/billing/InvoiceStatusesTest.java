package org.matterhub.mappings.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** An issued invoice's status from its total and the balance still due, at each boundary. */
class InvoiceStatusesTest {

    static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    @Test
    void nothingDueOnAPositiveTotalIsPaid() {
        assertThat(InvoiceStatuses.ofAmounts(d("100.00"), d("0.00"))).isEqualTo("paid");
        assertThat(InvoiceStatuses.ofAmounts(d("0.01"), BigDecimal.ZERO)).isEqualTo("paid");
    }

    @Test
    void aBalanceBelowTheTotalIsPartlyPaidAndTheWholeTotalDueIsOpen() {
        assertThat(InvoiceStatuses.ofAmounts(d("100.00"), d("99.99"))).isEqualTo("partially_paid");
        assertThat(InvoiceStatuses.ofAmounts(d("100.00"), d("0.01"))).isEqualTo("partially_paid");
        assertThat(InvoiceStatuses.ofAmounts(d("100.00"), d("100.00"))).isEqualTo("open");
        assertThat(InvoiceStatuses.ofAmounts(d("100.00"), d("100.0"))).isEqualTo("open");
        assertThat(InvoiceStatuses.ofAmounts(d("100.00"), d("120.00"))).isEqualTo("open");
    }

    @Test
    void aZeroInvoiceAndMissingAmountsStayOpen() {
        assertThat(InvoiceStatuses.ofAmounts(BigDecimal.ZERO, BigDecimal.ZERO)).isEqualTo("open");
        assertThat(InvoiceStatuses.ofAmounts(null, d("5"))).isEqualTo("open");
        assertThat(InvoiceStatuses.ofAmounts(d("5"), null)).isEqualTo("open");
    }
}
