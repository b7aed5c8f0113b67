package org.matterhub.mappings.xero;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.matterhub.connectors.xero.XeroContact;
import org.matterhub.connectors.xero.XeroInvoice;
import org.matterhub.connectors.xero.XeroLineItem;
import org.matterhub.connectors.xero.XeroPayment;
import org.matterhub.connectors.xero.XeroTracking;
import org.matterhub.mappings.billing.BillingFeed;
import org.matterhub.mappings.billing.InvoiceMatterRule;
import org.matterhub.mappings.billing.InvoiceStatuses;

/**
 * Xero accounting records to canonical billing records (VENDORS.md §5.2): contacts, sales invoices (DRAFT, SUBMITTED,
 * AUTHORISED, PAID, VOIDED or DELETED) with the first option of each tracking category on their lines, and payments
 * (a reversed one is DELETED). Pure functions, no I/O.
 */
public final class XeroBillingMapper {

    /** Where a Xero firm usually keeps the matter: the invoice's Reference. */
    public static final InvoiceMatterRule DEFAULT_MATTER_RULE = new InvoiceMatterRule("reference", null, null);

    private XeroBillingMapper() {
    }

    public static BillingFeed.Customer contact(XeroContact c) {
        return new BillingFeed.Customer(c.id().toString(), c.name(), null, c.status() != XeroContact.Status.ARCHIVED,
                c.updatedDateUtc());
    }

    public static BillingFeed.Invoice invoice(XeroInvoice i) {
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
            default -> InvoiceStatuses.ofAmounts(i.total(), i.amountDue());
        };
        BigDecimal balance = i.amountDue() == null ? BigDecimal.ZERO : i.amountDue();
        return new BillingFeed.Invoice(i.id().toString(), i.number(), id(i.contactId()), i.contactName(), null, Map.of(),
                null, i.reference(), tracking, i.status().name(), status, i.currencyCode(), i.total(), i.totalTax(),
                balance, i.date(), i.dueDate(), null, i.updatedDateUtc(), null, lines);
    }

    public static BillingFeed.Payment payment(XeroPayment p) {
        return new BillingFeed.Payment(p.id().toString(), id(p.invoiceId()), p.amount(), p.currencyCode(), p.date(), null,
                p.reference(), p.updatedDateUtc(), p.status() == XeroPayment.Status.DELETED);
    }

    private static String id(UUID id) {
        return id == null ? null : id.toString();
    }
}
