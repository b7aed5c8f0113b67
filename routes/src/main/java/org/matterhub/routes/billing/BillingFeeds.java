package org.matterhub.routes.billing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.matterhub.connectors.quickbooks.QboChanges;
import org.matterhub.connectors.quickbooks.QboCustomer;
import org.matterhub.connectors.quickbooks.QboDeleted;
import org.matterhub.connectors.quickbooks.QboInvoice;
import org.matterhub.connectors.quickbooks.QboLine;
import org.matterhub.connectors.quickbooks.QboPayment;
import org.matterhub.connectors.xero.XeroContact;
import org.matterhub.connectors.xero.XeroInvoice;
import org.matterhub.connectors.xero.XeroLineItem;
import org.matterhub.connectors.xero.XeroPayment;
import org.matterhub.connectors.xero.XeroTracking;

/**
 * Translates the QuickBooks and Xero connectors' records into a {@link BillingFeed}, including how each vendor's
 * invoice state maps to the portal's status (VENDORS.md §4.2, §5.2): QuickBooks has no draft and reports a void
 * invoice through its private note and a zero balance (the connector's {@code voided}); Xero says DRAFT, SUBMITTED,
 * AUTHORISED, PAID, VOIDED or DELETED. "Partially paid" is the portal's word for an open invoice whose balance is below
 * its total.
 */
final class BillingFeeds {

    private BillingFeeds() {
    }

    // ------------------------------------------------------------------ QuickBooks

    static void addQbo(BillingFeed feed, QboChanges changes) {
        changes.customers().forEach(c -> feed.customers.add(customer(c)));
        changes.invoices().forEach(i -> feed.invoices.add(invoice(i)));
        changes.payments().forEach(p -> addPayment(feed, p));
        for (QboDeleted d : changes.deleted()) {
            switch (d.entity()) {
                case "Invoice" -> feed.deletedInvoices.add(d.id());
                case "Payment" -> feed.deletedPayments.add(d.id());
                case "Customer" -> feed.deletedCustomers.add(d.id());
                default -> { }
            }
        }
    }

    static BillingFeed.Customer customer(QboCustomer c) {
        return new BillingFeed.Customer(c.id(), c.displayName(), c.parentId(), c.active(), c.lastUpdated());
    }

    static BillingFeed.Invoice invoice(QboInvoice i) {
        List<BillingFeed.Line> lines = new ArrayList<>();
        int n = 1;
        for (QboLine l : i.lines()) {
            lines.add(new BillingFeed.Line(n++, l.description(), l.qty(), l.unitPrice(), l.amount(), null));
        }
        String status = i.voided() ? "void" : status(i.totalAmt(), i.balance());
        String memo = i.customerMemo() != null ? i.customerMemo() : i.privateNote();
        return new BillingFeed.Invoice(i.id(), i.docNumber(), i.customerId(), i.customerName(), i.classId(),
                i.customFields(), memo, null, Map.of(), i.voided() ? "Voided" : null, status, i.currency(),
                i.totalAmt(), null, i.balance(), i.txnDate(), i.dueDate(), i.syncToken(), i.lastUpdated(),
                i.invoiceLink(), lines);
    }

    static void addPayment(BillingFeed feed, QboPayment p) {
        String reference = join(p.privateNote(), p.paymentRefNum());
        for (QboPayment.Applied a : p.appliedTo()) {
            feed.payments.add(new BillingFeed.Payment(p.id(), a.invoiceId(), a.amount(), p.currency(), p.txnDate(), null,
                    reference, p.lastUpdated(), false));
        }
    }

    // ------------------------------------------------------------------ Xero

    static BillingFeed.Customer customer(XeroContact c) {
        return new BillingFeed.Customer(c.id().toString(), c.name(), null, c.status() != XeroContact.Status.ARCHIVED,
                c.updatedDateUtc());
    }

    static BillingFeed.Invoice invoice(XeroInvoice i) {
        List<BillingFeed.Line> lines = new ArrayList<>();
        Map<String, String> tracking = new LinkedHashMap<>();
        int n = 1;
        for (XeroLineItem l : i.lineItems()) {
            lines.add(new BillingFeed.Line(n++, l.description(), l.quantity(), l.unitAmount(), l.lineAmount(), null));
            for (XeroTracking t : l.tracking()) {
                if (t.name() != null && t.option() != null) {
                    tracking.putIfAbsent(t.name(), t.option());
                }
            }
        }
        String status = switch (i.status()) {
            case DRAFT, SUBMITTED -> "draft";
            case PAID -> "paid";
            case VOIDED -> "void";
            case DELETED -> "deleted";
            default -> status(i.total(), i.amountDue());
        };
        BigDecimal balance = i.amountDue() == null ? BigDecimal.ZERO : i.amountDue();
        return new BillingFeed.Invoice(i.id().toString(), i.number(), id(i.contactId()), i.contactName(), null, Map.of(),
                null, i.reference(), tracking, i.status().name(), status, i.currencyCode(), i.total(), i.totalTax(),
                balance, i.date(), i.dueDate(), null, i.updatedDateUtc(), null, lines);
    }

    static BillingFeed.Payment payment(XeroPayment p) {
        return new BillingFeed.Payment(p.id().toString(), id(p.invoiceId()), p.amount(), p.currencyCode(), p.date(), null,
                p.reference(), p.updatedDateUtc(), p.status() == XeroPayment.Status.DELETED);
    }

    // ------------------------------------------------------------------ shared

    private static String status(BigDecimal total, BigDecimal balance) {
        if (total == null || balance == null) {
            return "open";
        }
        if (balance.signum() == 0 && total.signum() > 0) {
            return "paid";
        }
        return balance.compareTo(total) < 0 ? "partially_paid" : "open";
    }

    private static String id(UUID id) {
        return id == null ? null : id.toString();
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + " " + b;
    }
}
