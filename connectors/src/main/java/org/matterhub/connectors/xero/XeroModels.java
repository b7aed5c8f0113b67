package org.matterhub.connectors.xero;

import com.xero.models.accounting.Account;
import com.xero.models.accounting.Contact;
import com.xero.models.accounting.CreditNote;
import com.xero.models.accounting.CurrencyCode;
import com.xero.models.accounting.Invoice;
import com.xero.models.accounting.LineItem;
import com.xero.models.accounting.LineItemTracking;
import com.xero.models.accounting.Payment;
import com.xero.models.identity.Connection;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Translation between the SDK's models and the connector's records (package-private: no SDK type leaves the
 * package).
 *
 * <p>The SDK carries amounts as {@code Double}. Xero amounts have at most four decimals and far fewer than fifteen
 * significant digits, so {@link BigDecimal#valueOf(double)} (the shortest decimal that round-trips) gives back
 * exactly the decimal Xero sent; the scale is raised to at least two so {@code 1500} reads {@code 1500.00}.
 */
final class XeroModels {

    private XeroModels() {
    }

    static XeroContact contact(Contact c) {
        return new XeroContact(c.getContactID(), c.getName(), blankToNull(c.getContactNumber()),
                blankToNull(c.getAccountNumber()), blankToNull(c.getEmailAddress()),
                status(c.getContactStatus(), XeroContact.Status.UNKNOWN),
                instant(c.getUpdatedDateUTCAsDate()));
    }

    static XeroInvoice invoice(Invoice i) {
        Contact contact = i.getContact();
        return new XeroInvoice(i.getInvoiceID(), i.getInvoiceNumber(), blankToNull(i.getReference()),
                contact == null ? null : contact.getContactID(), contact == null ? null : contact.getName(),
                status(i.getStatus(), XeroInvoice.Status.UNKNOWN),
                currency(i.getCurrencyCode()), money(i.getSubTotal()), money(i.getTotalTax()), money(i.getTotal()),
                money(i.getAmountDue()), money(i.getAmountPaid()), date(i.getDateAsDate()), date(i.getDueDateAsDate()),
                lineItems(i.getLineItems()), instant(i.getUpdatedDateUTCAsDate()));
    }

    static XeroPayment payment(Payment p) {
        Invoice invoice = p.getInvoice();
        return new XeroPayment(p.getPaymentID(), invoice == null ? null : invoice.getInvoiceID(),
                invoice == null ? blankToNull(p.getInvoiceNumber()) : blankToNull(invoice.getInvoiceNumber()),
                money(p.getAmount()), invoice == null ? null : currency(invoice.getCurrencyCode()),
                date(p.getDateAsDate()), blankToNull(p.getReference()),
                status(p.getStatus(), XeroPayment.Status.UNKNOWN),
                instant(p.getUpdatedDateUTCAsDate()));
    }

    static XeroCreditNote creditNote(CreditNote c) {
        Contact contact = c.getContact();
        return new XeroCreditNote(c.getCreditNoteID(), c.getCreditNoteNumber(), blankToNull(c.getReference()),
                contact == null ? null : contact.getContactID(), contact == null ? null : contact.getName(),
                status(c.getStatus(), XeroCreditNote.Status.UNKNOWN),
                currency(c.getCurrencyCode()), money(c.getTotalTax()), money(c.getTotal()),
                money(c.getRemainingCredit()), date(c.getDateAsDate()), lineItems(c.getLineItems()),
                instant(c.getUpdatedDateUTCAsDate()));
    }

    static XeroTenant tenant(Connection c) {
        return new XeroTenant(c.getId(), c.getTenantId(), c.getTenantType(), c.getTenantName(), c.getAuthEventId(),
                utc(c.getCreatedDateUtc()), utc(c.getUpdatedDateUtc()));
    }

    static XeroOrganisation organisation(com.xero.models.accounting.Organisation o) {
        return new XeroOrganisation(o.getOrganisationID(), o.getName(), o.getLegalName(),
                o.getBaseCurrency() == null ? null : o.getBaseCurrency().getValue(), o.getOrganisationStatus());
    }

    /** The SDK payment for {@code PUT/POST /Payments}. */
    static Payment sdkPayment(XeroPaymentRequest r) {
        Account account = r.accountId() != null ? new Account().accountID(r.accountId()) : new Account().code(r.accountCode());
        Payment p = new Payment()
                .invoice(new Invoice().invoiceID(r.invoiceId()))
                .account(account)
                .amount(r.amount().doubleValue())
                .reference(r.reference());
        p.setDate(org.threeten.bp.LocalDate.of(r.date().getYear(), r.date().getMonthValue(), r.date().getDayOfMonth()));
        return p;
    }

    /** {@code If-Modified-Since} as the SDK takes it (millisecond precision kept). */
    static org.threeten.bp.OffsetDateTime modifiedSince(Instant since) {
        if (since == null) {
            return null;
        }
        return org.threeten.bp.OffsetDateTime.ofInstant(
                org.threeten.bp.Instant.ofEpochSecond(since.getEpochSecond(), since.getNano()), org.threeten.bp.ZoneOffset.UTC);
    }

    static BigDecimal money(Double value) {
        if (value == null) {
            return null;
        }
        BigDecimal d = BigDecimal.valueOf(value);
        return d.scale() < 2 ? d.setScale(2) : d;
    }

    private static BigDecimal quantity(Double value) {
        return value == null ? null : BigDecimal.valueOf(value);
    }

    private static List<XeroLineItem> lineItems(List<LineItem> items) {
        if (items == null) {
            return List.of();
        }
        List<XeroLineItem> out = new ArrayList<>(items.size());
        for (LineItem li : items) {
            List<XeroTracking> tracking = new ArrayList<>();
            if (li.getTracking() != null) {
                for (LineItemTracking t : li.getTracking()) {
                    tracking.add(new XeroTracking(t.getName(), t.getOption()));
                }
            }
            out.add(new XeroLineItem(li.getDescription(), quantity(li.getQuantity()), money(li.getUnitAmount()),
                    money(li.getLineAmount()), blankToNull(li.getAccountCode()), tracking));
        }
        return out;
    }

    private static String currency(CurrencyCode code) {
        return code == null ? null : blankToNull(code.getValue());
    }

    private static LocalDate date(org.threeten.bp.LocalDate d) {
        return d == null ? null : LocalDate.of(d.getYear(), d.getMonthValue(), d.getDayOfMonth());
    }

    private static Instant instant(org.threeten.bp.OffsetDateTime t) {
        return t == null ? null : Instant.ofEpochSecond(t.toEpochSecond(), t.getNano());
    }

    private static Instant utc(org.threeten.bp.LocalDateTime t) {
        return t == null ? null : LocalDateTime.of(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(),
                t.getMinute(), t.getSecond(), t.getNano()).toInstant(ZoneOffset.UTC);
    }

    /** Our status of the SDK's {@code sdkStatus} of the same name; {@code unknown} for none or a name we lack. */
    private static <E extends Enum<E>> E status(Enum<?> sdkStatus, E unknown) {
        if (sdkStatus == null) {
            return unknown;
        }
        try {
            return Enum.valueOf(unknown.getDeclaringClass(), sdkStatus.name());
        } catch (IllegalArgumentException notOurs) {
            return unknown;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
