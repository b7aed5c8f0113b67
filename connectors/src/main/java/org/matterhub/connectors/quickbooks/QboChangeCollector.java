package org.matterhub.connectors.quickbooks;

import com.intuit.ipp.core.IEntity;
import com.intuit.ipp.data.CreditMemo;
import com.intuit.ipp.data.Customer;
import com.intuit.ipp.data.IntuitEntity;
import com.intuit.ipp.data.Invoice;
import com.intuit.ipp.data.Payment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Gathers CDC entities by type, the latest state of each id winning (package-private, for {@link QboClient}). */
final class QboChangeCollector {

    private record Item(String entity, String id, Instant at, Object record) {
    }

    private final Map<String, Item> items = new LinkedHashMap<>();

    void add(String entityName, IEntity e) {
        String entity = entityName;
        if (QboMapper.isDeleted(e)) {
            IntuitEntity ie = (IntuitEntity) e;
            put(new Item(entity, ie.getId(), QboMapper.lastUpdated(ie), QboMapper.deleted(entity, ie)));
        } else if (e instanceof Customer c) {
            put(new Item("Customer", c.getId(), QboMapper.lastUpdated(c), QboMapper.customer(c)));
        } else if (e instanceof Invoice i) {
            put(new Item("Invoice", i.getId(), QboMapper.lastUpdated(i), QboMapper.invoice(i)));
        } else if (e instanceof Payment p) {
            put(new Item("Payment", p.getId(), QboMapper.lastUpdated(p), QboMapper.payment(p)));
        } else if (e instanceof CreditMemo m) {
            put(new Item("CreditMemo", m.getId(), QboMapper.lastUpdated(m), QboMapper.creditMemo(m)));
        }
    }

    /** Adds the records of {@code r} changed in {@code (after, upTo]}. */
    void addWithin(QboChanges r, Instant after, Instant upTo) {
        r.customers().forEach(x -> within(new Item("Customer", x.id(), x.lastUpdated(), x), after, upTo));
        r.invoices().forEach(x -> within(new Item("Invoice", x.id(), x.lastUpdated(), x), after, upTo));
        r.payments().forEach(x -> within(new Item("Payment", x.id(), x.lastUpdated(), x), after, upTo));
        r.creditMemos().forEach(x -> within(new Item("CreditMemo", x.id(), x.lastUpdated(), x), after, upTo));
        r.deleted().forEach(x -> within(new Item(x.entity(), x.id(), x.deletedAt(), x), after, upTo));
    }

    private void within(Item item, Instant after, Instant upTo) {
        if (item.at() == null || (item.at().isAfter(after) && !item.at().isAfter(upTo))) {
            put(item);
        }
    }

    private void put(Item item) {
        items.merge(item.entity() + ":" + item.id(), item, (old, neu) ->
                old.at() != null && neu.at() != null && old.at().isAfter(neu.at()) ? old : neu);
    }

    QboChanges changes(boolean capped, Instant coveredUntil) {
        List<QboCustomer> customers = new ArrayList<>();
        List<QboInvoice> invoices = new ArrayList<>();
        List<QboPayment> payments = new ArrayList<>();
        List<QboCreditMemo> creditMemos = new ArrayList<>();
        List<QboDeleted> deleted = new ArrayList<>();
        for (Item i : items.values()) {
            Object r = i.record();
            if (r instanceof QboCustomer c) {
                customers.add(c);
            } else if (r instanceof QboInvoice v) {
                invoices.add(v);
            } else if (r instanceof QboPayment p) {
                payments.add(p);
            } else if (r instanceof QboCreditMemo m) {
                creditMemos.add(m);
            } else {
                deleted.add((QboDeleted) r);
            }
        }
        return new QboChanges(customers, invoices, payments, creditMemos, deleted, capped, coveredUntil);
    }
}
