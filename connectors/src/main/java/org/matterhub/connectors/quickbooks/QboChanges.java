package org.matterhub.connectors.quickbooks;

import java.time.Instant;
import java.util.List;

/**
 * What changed in a realm: live entities in their current state, deletions as tombstones.
 *
 * @param customers   changed customers
 * @param invoices    changed invoices (voided ones included, with {@link QboInvoice#voided()})
 * @param payments    changed payments
 * @param creditMemos changed credit memos
 * @param deleted     deleted entities
 * @param capped      whether the response held QBO's maximum of {@value QboClient#CDC_MAX_OBJECTS} objects, so
 *                    more changes may exist; {@link QboClient#changesSince} never returns a capped result
 * @param coveredUntil for {@link QboClient#changesSince}: every change up to this instant is included, so it is
 *                    the next cursor; null for a single {@link QboClient#changeDataCapture} call
 */
public record QboChanges(List<QboCustomer> customers, List<QboInvoice> invoices, List<QboPayment> payments,
                         List<QboCreditMemo> creditMemos, List<QboDeleted> deleted, boolean capped,
                         Instant coveredUntil) {

    public QboChanges {
        customers = List.copyOf(customers);
        invoices = List.copyOf(invoices);
        payments = List.copyOf(payments);
        creditMemos = List.copyOf(creditMemos);
        deleted = List.copyOf(deleted);
    }

    /** Number of entities and tombstones. */
    public int size() {
        return customers.size() + invoices.size() + payments.size() + creditMemos.size() + deleted.size();
    }
}
