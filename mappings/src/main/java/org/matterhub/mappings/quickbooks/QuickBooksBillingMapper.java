package org.matterhub.mappings.quickbooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.matterhub.connectors.quickbooks.QboChanges;
import org.matterhub.connectors.quickbooks.QboCustomer;
import org.matterhub.connectors.quickbooks.QboDeleted;
import org.matterhub.connectors.quickbooks.QboInvoice;
import org.matterhub.connectors.quickbooks.QboLine;
import org.matterhub.connectors.quickbooks.QboPayment;
import org.matterhub.mappings.billing.BillingFeed;
import org.matterhub.mappings.billing.InvoiceMatterRule;
import org.matterhub.mappings.billing.InvoiceStatuses;

/**
 * QuickBooks Online records to canonical billing records (VENDORS.md §4.2). QuickBooks has no draft and reports a
 * void invoice through its private note and a zero balance (the connector's {@code voided}); a payment's lines apply
 * it to invoices, one canonical payment per application. Pure functions, no I/O.
 */
public final class QuickBooksBillingMapper {

    /** Where a QuickBooks firm usually keeps the matter: a sub-customer per matter, named after its number. */
    public static final InvoiceMatterRule DEFAULT_MATTER_RULE = new InvoiceMatterRule("sub_customer", null, null);

    private QuickBooksBillingMapper() {
    }

    /** Every change of a CDC answer: customers, invoices, payments and tombstones. */
    public static BillingFeed changes(QboChanges changes) {
        BillingFeed feed = new BillingFeed();
        changes.customers().forEach(c -> feed.customers.add(customer(c)));
        changes.invoices().forEach(i -> feed.invoices.add(invoice(i)));
        changes.payments().forEach(p -> feed.payments.addAll(payments(p)));
        for (QboDeleted d : changes.deleted()) {
            switch (d.entity()) {
                case "Invoice" -> feed.deletedInvoices.add(d.id());
                case "Payment" -> feed.deletedPayments.add(d.id());
                case "Customer" -> feed.deletedCustomers.add(d.id());
                default -> { }
            }
        }
        return feed;
    }

    public static BillingFeed.Customer customer(QboCustomer c) {
        return new BillingFeed.Customer(c.id(), c.displayName(), c.parentId(), c.active(), c.lastUpdated());
    }

    public static BillingFeed.Invoice invoice(QboInvoice i) {
        List<BillingFeed.Line> lines = new ArrayList<>();
        int n = 1;
        for (QboLine l : i.lines()) {
            lines.add(new BillingFeed.Line(n++, l.description(), l.qty(), l.unitPrice(), l.amount(), null));
        }
        String status = i.voided() ? "void" : InvoiceStatuses.ofAmounts(i.totalAmt(), i.balance());
        String memo = i.customerMemo() != null ? i.customerMemo() : i.privateNote();
        return new BillingFeed.Invoice(i.id(), i.docNumber(), i.customerId(), i.customerName(), i.classId(),
                i.customFields(), memo, null, Map.of(), i.voided() ? "Voided" : null, status, i.currency(),
                i.totalAmt(), null, i.balance(), i.txnDate(), i.dueDate(), i.syncToken(), i.lastUpdated(),
                i.invoiceLink(), lines);
    }

    /** A payment's applications, one per invoice it pays; its reference is the private note and reference number. */
    public static List<BillingFeed.Payment> payments(QboPayment p) {
        String reference = join(p.privateNote(), p.paymentRefNum());
        List<BillingFeed.Payment> out = new ArrayList<>();
        for (QboPayment.Applied a : p.appliedTo()) {
            out.add(new BillingFeed.Payment(p.id(), a.invoiceId(), a.amount(), p.currency(), p.txnDate(), null,
                    reference, p.lastUpdated(), false));
        }
        return out;
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + " " + b;
    }
}
