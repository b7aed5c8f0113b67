package org.matterhub.simulators.xero;

import org.matterhub.simulators.common.MonotonicClock;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The organisation's books: contacts, invoices, payments and credit notes of one tenant, held as Xero-shaped
 * JSON maps. Every change moves {@code UpdatedDateUTC} strictly forward. Thread-safe (one lock).
 *
 * <p>Used by the wire handlers and by tests/control for seeding and inspection.
 */
public final class XeroSimulatorData extends XeroStore {

    XeroSimulatorData(MonotonicClock clock, UUID tenantId, String tenantName) {
        super(clock, tenantId, tenantName);
    }

    /** The demo bank account payments are recorded into. */
    public static final String BANK_ACCOUNT_CODE = "090";
    static final UUID BANK_ACCOUNT_ID = UUID.nameUUIDFromBytes("xero-sim-account-090".getBytes(StandardCharsets.UTF_8));
    // ------------------------------------------------------------------ invoices

    synchronized List<Map<String, Object>> invoicesRaw() {
        return new ArrayList<>(invoices.values());
    }

    public synchronized Map<String, Object> invoice(UUID id) {
        Map<String, Object> i = invoices.get(id);
        return i == null ? null : render(i);
    }

    /** By id or invoice number, as {@code GET /Invoices/{InvoiceID}} accepts both. */
    synchronized Map<String, Object> invoiceByIdOrNumber(String key) {
        try {
            Map<String, Object> i = invoices.get(UUID.fromString(key));
            if (i != null) {
                return render(i);
            }
        } catch (IllegalArgumentException notUuid) {
            // fall through to the number
        }
        return invoices.values().stream().filter(i -> key.equals(i.get("InvoiceNumber"))).findFirst()
                .map(XeroSimulatorData::render).orElse(null);
    }

    /**
     * Creates an AUTHORISED sales invoice (ACCREC, USD, no tax) of one line on sales account 200, as the seeds make
     * them, and returns its {@code InvoiceID}.
     */
    public UUID authorisedInvoice(UUID contact, String reference, String date, String due, String description,
                                  String amount) {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("Type", "ACCREC");
        in.put("Contact", Map.of("ContactID", contact.toString()));
        in.put("Reference", reference);
        in.put("Date", date);
        in.put("DueDate", due);
        in.put("Status", "AUTHORISED");
        in.put("CurrencyCode", "USD");
        in.put("LineAmountTypes", "NoTax");
        in.put("LineItems", List.of(Map.of("Description", description, "Quantity", 1, "UnitAmount", amount,
                "AccountCode", "200")));
        return UUID.fromString((String) upsertInvoice(in, true).get("InvoiceID"));
    }

    /** PUT (create only) or POST (create, or update when {@code InvoiceID}/known {@code InvoiceNumber} given). */
    @SuppressWarnings("unchecked")
    public synchronized Map<String, Object> upsertInvoice(Map<String, Object> in, boolean createOnly) {
        Map<String, Object> existing = null;
        if (in.get("InvoiceID") != null) {
            existing = invoices.get(uuid(in.get("InvoiceID"), "InvoiceID", in));
            if (existing == null) {
                throw XeroApiException.validation(in, "Invoice not found: " + in.get("InvoiceID"));
            }
        } else if (!createOnly && in.get("InvoiceNumber") != null) {
            existing = invoices.values().stream().filter(i -> in.get("InvoiceNumber").equals(i.get("InvoiceNumber")))
                    .findFirst().orElse(null);
        }
        if (existing != null) {
            if (createOnly) {
                throw XeroApiException.validation(in, "PUT creates new invoices only; use POST to update");
            }
            return updateInvoice(existing, in);
        }
        String type = in.get("Type") == null ? null : in.get("Type").toString();
        if (!"ACCREC".equals(type) && !"ACCPAY".equals(type)) {
            throw XeroApiException.validation(in, "Invoice Type must be specified (ACCREC or ACCPAY)");
        }
        Map<String, Object> contact = resolveContact(in.get("Contact"), in);
        // a contact with sales invoices is a customer, one with bills a supplier; Xero derives both flags from the
        // transactions without moving the contact's UpdatedDateUTC (requests-and-responses, If-Modified-Since note)
        contact.put("ACCREC".equals(type) ? "IsCustomer" : "IsSupplier", true);
        Map<String, Object> inv = new LinkedHashMap<>();
        UUID id = newId("invoice");
        inv.put("Type", type);
        inv.put("InvoiceID", id.toString());
        String number = in.get("InvoiceNumber") != null ? in.get("InvoiceNumber").toString()
                : "ACCREC".equals(type) ? String.format(Locale.ROOT, "INV-%04d", ++invoiceNumber) : "";
        inv.put("InvoiceNumber", number);
        inv.put("Reference", in.get("Reference") == null ? "" : in.get("Reference").toString());
        inv.put("Contact", contactRef(contact));
        LocalDate date = in.get("Date") == null ? LocalDate.ofInstant(clock.now(), ZoneOffset.UTC) : parseDate(in.get("Date"), "Date");
        setDate(inv, "Date", date);
        if (in.get("DueDate") != null) {
            setDate(inv, "DueDate", parseDate(in.get("DueDate"), "DueDate"));
        } else if ("AUTHORISED".equals(in.get("Status"))) {
            throw XeroApiException.validation(in, "Due Date is mandatory for an approved invoice");
        }
        String lat = in.get("LineAmountTypes") == null ? "Exclusive" : in.get("LineAmountTypes").toString();
        if (!List.of("Exclusive", "Inclusive", "NoTax").contains(lat)) {
            throw XeroApiException.validation(in, "LineAmountTypes " + lat + " is not valid");
        }
        inv.put("LineAmountTypes", lat);
        String currency = in.get("CurrencyCode") == null ? "USD" : in.get("CurrencyCode").toString();
        inv.put("CurrencyCode", currency);
        inv.put("CurrencyRate", BigDecimal.ONE.setScale(2));
        List<Map<String, Object>> lines = lineItems(in);
        inv.put("LineItems", lines);
        BigDecimal total = lines.stream().map(l -> (BigDecimal) l.get("LineAmount")).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
        inv.put("SubTotal", total);
        inv.put("TotalTax", BigDecimal.ZERO.setScale(2));
        inv.put("Total", total);
        inv.put("AmountDue", total);
        inv.put("AmountPaid", BigDecimal.ZERO.setScale(2));
        inv.put("AmountCredited", BigDecimal.ZERO.setScale(2));
        inv.put("Payments", new ArrayList<Map<String, Object>>());
        inv.put("CreditNotes", new ArrayList<Map<String, Object>>());
        inv.put("IsDiscounted", false);
        inv.put("HasAttachments", false);
        inv.put("HasErrors", false);
        inv.put("Status", "DRAFT");
        String status = in.get("Status") == null ? "DRAFT" : in.get("Status").toString();
        transition(inv, status, in);
        touch(inv);
        invoices.put(id, inv);
        fire("INVOICE", "CREATE", id);
        return render(inv);
    }

    private Map<String, Object> updateInvoice(Map<String, Object> inv, Map<String, Object> in) {
        if (in.get("Reference") != null) {
            inv.put("Reference", in.get("Reference").toString());
        }
        if (in.get("DueDate") != null) {
            setDate(inv, "DueDate", parseDate(in.get("DueDate"), "DueDate"));
        }
        if (in.get("LineItems") != null) {
            if (!List.of("DRAFT", "SUBMITTED", "AUTHORISED").contains(inv.get("Status"))
                    || ((BigDecimal) inv.get("AmountPaid")).signum() > 0) {
                throw XeroApiException.validation(in, "This document cannot be edited as it has a payment or credit note allocated to it.");
            }
            List<Map<String, Object>> lines = lineItems(in);
            BigDecimal total = lines.stream().map(l -> (BigDecimal) l.get("LineAmount")).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
            inv.put("LineItems", lines);
            inv.put("SubTotal", total);
            inv.put("Total", total);
            inv.put("AmountDue", total);
        }
        if (in.get("Status") != null && !in.get("Status").equals(inv.get("Status"))) {
            transition(inv, in.get("Status").toString(), in);
        }
        touch(inv);
        UUID id = UUID.fromString((String) inv.get("InvoiceID"));
        fire("INVOICE", "UPDATE", id);
        return render(inv);
    }

    private static void transition(Map<String, Object> inv, String to, Map<String, Object> in) {
        String from = (String) inv.get("Status");
        boolean ok = switch (to) {
            case "DRAFT" -> "DRAFT".equals(from);
            case "SUBMITTED" -> List.of("DRAFT", "SUBMITTED").contains(from);
            case "AUTHORISED" -> List.of("DRAFT", "SUBMITTED", "AUTHORISED").contains(from);
            case "DELETED" -> List.of("DRAFT", "SUBMITTED").contains(from);
            case "VOIDED" -> "AUTHORISED".equals(from) && ((BigDecimal) inv.get("AmountPaid")).signum() == 0;
            default -> false;
        };
        if (!ok) {
            throw XeroApiException.validation(in, "Invoice status cannot be changed from " + from + " to " + to);
        }
        if ("AUTHORISED".equals(to) && inv.get("DueDate") == null) {
            throw XeroApiException.validation(in, "Due Date is mandatory for an approved invoice");
        }
        inv.put("Status", to);
        if ("VOIDED".equals(to) || "DELETED".equals(to)) {
            inv.put("AmountDue", BigDecimal.ZERO.setScale(2));
        }
    }

    private static void setDate(Map<String, Object> e, String field, LocalDate d) {
        e.put(field, msDate(d));
        e.put(field + "String", DATE_STRING.format(d.atStartOfDay()));
        e.put("_" + field, d);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> lineItems(Map<String, Object> in) {
        Object raw = in.get("LineItems");
        if (!(raw instanceof List<?> list) || list.isEmpty()) {
            throw XeroApiException.validation(in, "At least one line item is required");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m)) {
                throw XeroApiException.validation(in, "LineItems must be objects");
            }
            Map<String, Object> li = (Map<String, Object>) m;
            BigDecimal qty = li.get("Quantity") == null ? BigDecimal.ONE : new BigDecimal(li.get("Quantity").toString());
            BigDecimal unit = money(li.get("UnitAmount"), "UnitAmount");
            BigDecimal amount = li.get("LineAmount") != null ? money(li.get("LineAmount"), "LineAmount")
                    : unit == null ? null : qty.multiply(unit).setScale(2, RoundingMode.HALF_UP);
            if (amount == null) {
                throw XeroApiException.validation(in, "A line item needs a UnitAmount or a LineAmount");
            }
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("LineItemID", newId("line").toString());
            line.put("Description", li.get("Description") == null ? "" : li.get("Description").toString());
            line.put("Quantity", qty.setScale(4, RoundingMode.HALF_UP));
            line.put("UnitAmount", unit == null ? amount : unit);
            line.put("AccountCode", li.get("AccountCode") == null ? "200" : li.get("AccountCode").toString());
            line.put("TaxType", li.get("TaxType") == null ? "NONE" : li.get("TaxType").toString());
            line.put("TaxAmount", BigDecimal.ZERO.setScale(2));
            line.put("LineAmount", amount);
            line.put("Tracking", li.get("Tracking") instanceof List<?> t ? new ArrayList<>(t) : new ArrayList<>());
            out.add(line);
        }
        return out;
    }

    /** The online invoice URL (a page served by the simulator under {@code /in.xero.com/}). */
    synchronized String onlineInvoiceUrl(UUID invoiceId, String baseUrl) {
        Map<String, Object> inv = invoices.get(invoiceId);
        if (inv == null) {
            throw XeroApiException.notFound("Invoice " + invoiceId);
        }
        if (!"ACCREC".equals(inv.get("Type")) || List.of("DRAFT", "DELETED").contains(inv.get("Status"))) {
            throw XeroApiException.validation(render(inv), "An online invoice is only available for an approved sales invoice");
        }
        String token = onlineInvoiceTokens.entrySet().stream().filter(e -> e.getValue().equals(invoiceId))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        if (token == null) {
            token = UUID.nameUUIDFromBytes(("online/" + invoiceId).getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
            onlineInvoiceTokens.put(token, invoiceId);
        }
        return baseUrl + "/in.xero.com/" + token;
    }

    synchronized Map<String, Object> invoiceByOnlineToken(String token) {
        UUID id = onlineInvoiceTokens.get(token);
        return id == null ? null : render(invoices.get(id));
    }

    // ------------------------------------------------------------------ payments

    synchronized List<Map<String, Object>> paymentsRaw() {
        return new ArrayList<>(payments.values());
    }

    /** Every payment, rendered as the API shows it. */
    public synchronized List<Map<String, Object>> payments() {
        return payments.values().stream().map(XeroSimulatorData::render).toList();
    }

    public synchronized Map<String, Object> payment(UUID id) {
        Map<String, Object> p = payments.get(id);
        return p == null ? null : render(p);
    }

    /** Payments (any status) recorded against one invoice. */
    public synchronized int paymentCount(UUID invoiceId) {
        return (int) payments.values().stream().filter(p -> invoiceId.equals(p.get("_invoice"))).count();
    }

    public synchronized int paymentCount() {
        return payments.size();
    }

    /** {@code PUT /Payments}: applies a payment to an AUTHORISED invoice. */
    @SuppressWarnings("unchecked")
    public synchronized Map<String, Object> createPayment(Map<String, Object> in) {
        if (!(in.get("Invoice") instanceof Map<?, ?> ref)) {
            throw XeroApiException.validation(in, "You must specify an Invoice, CreditNote, Prepayment or Overpayment");
        }
        Map<String, Object> r = (Map<String, Object>) ref;
        Map<String, Object> inv = null;
        if (r.get("InvoiceID") != null) {
            inv = invoices.get(uuid(r.get("InvoiceID"), "InvoiceID", in));
        } else if (r.get("InvoiceNumber") != null) {
            inv = invoices.values().stream().filter(i -> r.get("InvoiceNumber").equals(i.get("InvoiceNumber"))).findFirst().orElse(null);
        }
        if (inv == null) {
            throw XeroApiException.validation(in, "Invoice could not be found");
        }
        if (!"AUTHORISED".equals(inv.get("Status"))) {
            throw XeroApiException.validation(in, "Payment cannot be created against an invoice with a status of " + inv.get("Status")
                    + ". Payments can only be applied to AUTHORISED invoices.");
        }
        Map<String, Object> account = in.get("Account") instanceof Map<?, ?> a ? (Map<String, Object>) a : Map.of();
        boolean accountOk = BANK_ACCOUNT_CODE.equals(account.get("Code"))
                || (account.get("AccountID") != null && BANK_ACCOUNT_ID.toString().equals(account.get("AccountID").toString()));
        if (!accountOk) {
            throw XeroApiException.validation(in, "Account code '" + account.getOrDefault("Code", "") + "' is not a valid code for this document.");
        }
        BigDecimal amount = money(in.get("Amount"), "Amount");
        if (amount == null || amount.signum() <= 0) {
            throw XeroApiException.validation(in, "Payment amount must be greater than zero");
        }
        BigDecimal due = (BigDecimal) inv.get("AmountDue");
        if (amount.compareTo(due) > 0) {
            throw XeroApiException.validation(in, "Payment amount exceeds the amount outstanding on this document");
        }
        LocalDate date = in.get("Date") == null ? LocalDate.ofInstant(clock.now(), ZoneOffset.UTC) : parseDate(in.get("Date"), "Date");
        UUID invoiceId = UUID.fromString((String) inv.get("InvoiceID"));
        UUID id = newId("payment");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("PaymentID", id.toString());
        setDate(p, "Date", date);
        p.put("Amount", amount);
        p.put("BankAmount", amount);
        p.put("Reference", in.get("Reference") == null ? "" : in.get("Reference").toString());
        p.put("CurrencyRate", BigDecimal.ONE.setScale(2));
        p.put("PaymentType", "ACCREC".equals(inv.get("Type")) ? "ACCRECPAYMENT" : "ACCPAYPAYMENT");
        p.put("Status", "AUTHORISED");
        p.put("IsReconciled", false);
        p.put("HasAccount", true);
        p.put("HasValidationErrors", false);
        Map<String, Object> acc = new LinkedHashMap<>();
        acc.put("AccountID", BANK_ACCOUNT_ID.toString());
        acc.put("Code", BANK_ACCOUNT_CODE);
        p.put("Account", acc);
        p.put("_invoice", invoiceId);
        BigDecimal paid = ((BigDecimal) inv.get("AmountPaid")).add(amount);
        inv.put("AmountPaid", paid);
        inv.put("AmountDue", due.subtract(amount));
        ((List<Map<String, Object>>) inv.get("Payments")).add(Map.of("PaymentID", id.toString(), "Date", p.get("Date"),
                "Amount", amount, "Reference", p.get("Reference"), "CurrencyRate", BigDecimal.ONE.setScale(2),
                "HasAccount", true, "HasValidationErrors", false));
        if (((BigDecimal) inv.get("AmountDue")).signum() == 0) {
            inv.put("Status", "PAID");
            setDate(inv, "FullyPaidOnDate", date);
            inv.remove("FullyPaidOnDateString");
        }
        touch(inv);
        Map<String, Object> invRef = new LinkedHashMap<>();
        invRef.put("Type", inv.get("Type"));
        invRef.put("InvoiceID", inv.get("InvoiceID"));
        invRef.put("InvoiceNumber", inv.get("InvoiceNumber"));
        invRef.put("Contact", inv.get("Contact"));
        invRef.put("CurrencyCode", inv.get("CurrencyCode"));
        p.put("Invoice", invRef);
        touch(p);
        payments.put(id, p);
        fire("INVOICE", "UPDATE", invoiceId);
        return render(p);
    }

    // ------------------------------------------------------------------ credit notes

    synchronized List<Map<String, Object>> creditNotesRaw() {
        return new ArrayList<>(creditNotes.values());
    }

    /** {@code PUT /CreditNotes}: an unallocated credit note (allocation is not simulated). */
    public synchronized Map<String, Object> createCreditNote(Map<String, Object> in) {
        String type = in.get("Type") == null ? null : in.get("Type").toString();
        if (!"ACCRECCREDIT".equals(type) && !"ACCPAYCREDIT".equals(type)) {
            throw XeroApiException.validation(in, "CreditNote Type must be ACCRECCREDIT or ACCPAYCREDIT");
        }
        Map<String, Object> contact = resolveContact(in.get("Contact"), in);
        UUID id = newId("creditnote");
        Map<String, Object> cn = new LinkedHashMap<>();
        cn.put("Type", type);
        cn.put("CreditNoteID", id.toString());
        cn.put("CreditNoteNumber", in.get("CreditNoteNumber") != null ? in.get("CreditNoteNumber").toString()
                : String.format(Locale.ROOT, "CN-%04d", ++creditNoteNumber));
        cn.put("Reference", in.get("Reference") == null ? "" : in.get("Reference").toString());
        cn.put("Contact", contactRef(contact));
        setDate(cn, "Date", in.get("Date") == null ? LocalDate.ofInstant(clock.now(), ZoneOffset.UTC) : parseDate(in.get("Date"), "Date"));
        String status = in.get("Status") == null ? "DRAFT" : in.get("Status").toString();
        if (!List.of("DRAFT", "SUBMITTED", "AUTHORISED").contains(status)) {
            throw XeroApiException.validation(in, "CreditNote status " + status + " is not valid on create");
        }
        cn.put("Status", status);
        cn.put("LineAmountTypes", in.get("LineAmountTypes") == null ? "Exclusive" : in.get("LineAmountTypes").toString());
        List<Map<String, Object>> lines = lineItems(in);
        BigDecimal total = lines.stream().map(l -> (BigDecimal) l.get("LineAmount")).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
        cn.put("LineItems", lines);
        cn.put("SubTotal", total);
        cn.put("TotalTax", BigDecimal.ZERO.setScale(2));
        cn.put("Total", total);
        cn.put("RemainingCredit", total);
        cn.put("CurrencyCode", in.get("CurrencyCode") == null ? "USD" : in.get("CurrencyCode").toString());
        cn.put("CurrencyRate", BigDecimal.ONE.setScale(2));
        cn.put("Allocations", new ArrayList<>());
        cn.put("HasAttachments", false);
        cn.put("HasErrors", false);
        touch(cn);
        creditNotes.put(id, cn);
        fire("CREDITNOTE", "CREATE", id);
        return render(cn);
    }

    /** Moves an invoice's {@code UpdatedDateUTC} forward without other changes (tests of If-Modified-Since). */
    public synchronized void touchInvoice(UUID id) {
        Map<String, Object> inv = invoices.get(id);
        if (inv == null) {
            throw new IllegalArgumentException("no invoice " + id);
        }
        touch(inv);
        fire("INVOICE", "UPDATE", id);
    }
}
