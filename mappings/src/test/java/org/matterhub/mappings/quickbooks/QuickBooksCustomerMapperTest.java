package org.matterhub.mappings.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.matterhub.mappings.billing.GoldenRecords.assertSame;
import static org.matterhub.mappings.billing.GoldenRecords.expected;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.matterhub.connectors.quickbooks.QboChanges;
import org.matterhub.connectors.quickbooks.QboDeleted;
import org.matterhub.connectors.quickbooks.QboWire;
import org.matterhub.mappings.billing.BillingFeed;

/** Golden fixture: a QuickBooks Online sub-customer (a matter) beside the canonical customer expected. */
class QuickBooksCustomerMapperTest {

    @Test
    void aSubCustomerKeepsItsParent() {
        assertSame(QuickBooksBillingMapper.customer(QboWire.customer("/golden/quickbooks/customer-sub.json")),
                expected("/golden/quickbooks/customer-sub.expected.json", BillingFeed.Customer.class));
    }

    @Test
    void changeDataCaptureCarriesRecordsAndTombstonesByEntity() {
        Instant at = Instant.parse("2026-11-20T10:00:00Z");
        QboChanges changes = new QboChanges(List.of(QboWire.customer("/golden/quickbooks/customer-sub.json")),
                List.of(QboWire.invoice("/golden/quickbooks/invoice.json")),
                List.of(QboWire.payment("/golden/quickbooks/payment.json")), List.of(),
                List.of(new QboDeleted("Invoice", "128", at), new QboDeleted("Payment", "77", at),
                        new QboDeleted("Customer", "12", at), new QboDeleted("CreditMemo", "5", at)), false, at);
        BillingFeed feed = QuickBooksBillingMapper.changes(changes);
        assertThat(feed.customers).extracting(BillingFeed.Customer::externalId).containsExactly("58");
        assertThat(feed.invoices).extracting(BillingFeed.Invoice::externalId).containsExactly("130");
        assertThat(feed.payments).extracting(BillingFeed.Payment::invoiceExternalId).containsExactly("130", "133");
        assertThat(feed.deletedInvoices).containsExactly("128");
        assertThat(feed.deletedPayments).containsExactly("77");
        assertThat(feed.deletedCustomers).containsExactly("12");
        assertThat(feed.size()).isEqualTo(7);
    }
}
