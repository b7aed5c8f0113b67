package org.matterhub.mappings.quickbooks;

import static org.matterhub.mappings.billing.GoldenRecords.assertSame;
import static org.matterhub.mappings.billing.GoldenRecords.expected;

import org.junit.jupiter.api.Test;
import org.matterhub.connectors.quickbooks.QboWire;
import org.matterhub.mappings.billing.BillingFeed;

/** Golden fixtures: QuickBooks Online invoice read responses beside the canonical invoice expected. */
class QuickBooksInvoiceMapperTest {

    @Test
    void anOpenInvoiceWithPaymentsAgainstItIsPartiallyPaidAndKeepsItsSalesLines() {
        assertSame(QuickBooksBillingMapper.invoice(QboWire.invoice("/golden/quickbooks/invoice.json")),
                expected("/golden/quickbooks/invoice.expected.json", BillingFeed.Invoice.class));
    }

    @Test
    void aVoidedInvoiceIsVoid() {
        assertSame(QuickBooksBillingMapper.invoice(QboWire.invoice("/golden/quickbooks/invoice-voided.json")),
                expected("/golden/quickbooks/invoice-voided.expected.json", BillingFeed.Invoice.class));
    }
}
