package org.matterhub.mappings.xero;

import static org.matterhub.mappings.billing.GoldenRecords.assertSame;
import static org.matterhub.mappings.billing.GoldenRecords.expected;
import static org.matterhub.mappings.billing.GoldenRecords.expectedList;

import org.junit.jupiter.api.Test;
import org.matterhub.connectors.xero.XeroWire;
import org.matterhub.mappings.billing.BillingFeed;

/**
 * Golden fixtures: Xero {@code GET /Invoices} responses (the Accounting API specification's own examples, and one
 * with tracking categories) beside the canonical invoices expected.
 */
class XeroInvoiceMapperTest {

    @Test
    void theSpecificationsInvoicesAreVoidPaidAndOpen() {
        assertSame(XeroWire.invoices("/golden/xero/invoices.json").stream().map(XeroBillingMapper::invoice).toList(),
                expectedList("/golden/xero/invoices.expected.json", BillingFeed.Invoice.class));
    }

    @Test
    void aSingleInvoiceKeepsItsLines() {
        assertSame(XeroBillingMapper.invoice(XeroWire.invoices("/golden/xero/invoice.json").get(0)),
                expected("/golden/xero/invoice.expected.json", BillingFeed.Invoice.class));
    }

    @Test
    void trackingCategoriesTakeTheFirstOptionOfEachCategory() {
        assertSame(XeroBillingMapper.invoice(XeroWire.invoices("/golden/xero/invoice-tracking.json").get(0)),
                expected("/golden/xero/invoice-tracking.expected.json", BillingFeed.Invoice.class));
    }
}
