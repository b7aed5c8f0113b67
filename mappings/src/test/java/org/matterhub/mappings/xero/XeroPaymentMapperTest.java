package org.matterhub.mappings.xero;

import static org.assertj.core.api.Assertions.assertThat;
import static org.matterhub.mappings.billing.GoldenRecords.assertSame;
import static org.matterhub.mappings.billing.GoldenRecords.expectedList;

import org.junit.jupiter.api.Test;
import org.matterhub.connectors.xero.XeroPayment;
import org.matterhub.connectors.xero.XeroWire;
import org.matterhub.mappings.billing.BillingFeed;

/** Golden fixture: the Xero specification's {@code GET /Payments} example beside the canonical payments expected. */
class XeroPaymentMapperTest {

    @Test
    void paymentsApplyToTheInvoiceTheyPay() {
        assertSame(XeroWire.payments("/golden/xero/payments.json").stream().map(XeroBillingMapper::payment).toList(),
                expectedList("/golden/xero/payments.expected.json", BillingFeed.Payment.class));
    }

    @Test
    void aReversedPaymentIsDeleted() {
        XeroPayment p = XeroWire.payments("/golden/xero/payments.json").get(0);
        XeroPayment reversed = new XeroPayment(p.id(), p.invoiceId(), p.invoiceNumber(), p.amount(), p.currencyCode(),
                p.date(), p.reference(), XeroPayment.Status.DELETED, p.updatedDateUtc());
        assertThat(XeroBillingMapper.payment(reversed).deleted()).isTrue();
    }
}
