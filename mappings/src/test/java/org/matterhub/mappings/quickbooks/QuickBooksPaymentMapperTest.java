package org.matterhub.mappings.quickbooks;

import static org.matterhub.mappings.billing.GoldenRecords.assertSame;
import static org.matterhub.mappings.billing.GoldenRecords.expectedList;

import org.junit.jupiter.api.Test;
import org.matterhub.connectors.quickbooks.QboWire;
import org.matterhub.mappings.billing.BillingFeed;

/** Golden fixture: a QuickBooks Online payment read response beside its canonical applications. */
class QuickBooksPaymentMapperTest {

    @Test
    void aPaymentBecomesOneApplicationPerInvoiceItPaysWithItsNoteAndReferenceNumber() {
        assertSame(QuickBooksBillingMapper.payments(QboWire.payment("/golden/quickbooks/payment.json")),
                expectedList("/golden/quickbooks/payment.expected.json", BillingFeed.Payment.class));
    }

    /** A cheque staff recorded in QuickBooks themselves: no hub note, so the reference is the cheque number alone. */
    @Test
    void aPaymentWithoutANoteIsReferencedByItsNumberAlone() {
        assertSame(QuickBooksBillingMapper.payments(QboWire.payment("/golden/quickbooks/payment-cheque.json")),
                expectedList("/golden/quickbooks/payment-cheque.expected.json", BillingFeed.Payment.class));
    }
}
