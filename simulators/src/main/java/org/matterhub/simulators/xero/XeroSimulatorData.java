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
public final class XeroSimulatorData {

    /** The demo bank account payments are recorded into. */
    public static final String BANK_ACCOUNT_CODE = "090";
    static final UUID BANK_ACCOUNT_ID = UUID.nameUUIDFromBytes("xero-sim-account-090".getBytes(StandardCharsets.UTF_8));
    private static final Pattern MS_DATE = Pattern.compile("/Date\\((-?\\d+)([+-]\\d{4})?\\)/");
    private static final DateTimeFormatter DATE_STRING = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private final MonotonicClock clock;
    private final UUID tenantId;
    private final String tenantName;
    private final Map<UUID, Map<String, Object>> contacts = new LinkedHashMap<>();
    private final Map<UUID, Map<String, Object>> invoices = new LinkedHashMap<>();
    private final Map<UUID, Map<String, Object>> payments = new LinkedHashMap<>();
    private final Map<UUID, Map<String, Object>> creditNotes = new LinkedHashMap<>();
    private final Map<String, UUID> onlineInvoiceTokens = new LinkedHashMap<>();
    private long seq;
    private int invoiceNumber;
    private int creditNoteNumber;
    private Consumer<Map<String, Object>> changeListener = e -> { };

    XeroSimulatorData(MonotonicClock clock, UUID tenantId, String tenantName) {
        this.clock = clock;
        this.tenantId = tenantId;
        this.tenantName = tenantName;
    }

    public UUID tenantId() {
        return tenantId;
    }

    public String tenantName() {
        return tenantName;
    }

    /** Receives {@code {category, type, id}} for every create/update (feeds webhooks). */
    synchronized void onChange(Consumer<Map<String, Object>> listener) {
        this.changeListener = listener;
    }

    private UUID newId(String kind) {
        return UUID.nameUUIDFromBytes((tenantId + "/" + kind + "/" + (++seq)).getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ formats

    /** {@code /Date(1573755038314+0000)/} */
    static String msDate(Instant t) {
        return "/Date(" + t.toEpochMilli() + "+0000)/";
    }

    static String msDate(LocalDate d) {
        return msDate(d.atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    /** Accepts {@code YYYY-MM-DD}, {@code YYYY-MM-DDThh:mm:ss} and {@code /Date(ms±hhmm)/}. */
    static LocalDate parseDate(Object value, String field) {
        if (!(value instanceof String s) || s.isBlank()) {
            throw XeroApiException.validation(null, field + " is not a valid date");
        }
        Matcher m = MS_DATE.matcher(s);
        if (m.matches()) {
            return Instant.ofEpochMilli(Long.parseLong(m.group(1))).atZone(ZoneOffset.UTC).toLocalDate();
        }
        try {
            return s.length() > 10 ? LocalDateTime.parse(s.length() > 19 ? s.substring(0, 19) : s).toLocalDate()
                    : LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw XeroApiException.validation(null, field + " is not a valid date: " + s);
        }
    }

    /** {@code If-Modified-Since}: ISO-8601 (with or without offset, UTC assumed) or RFC 1123. */
    static Instant parseModifiedSince(String header) {
        String h = header.trim();
        try {
            return OffsetDateTime.parse(h).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next format
        }
        try {
            return LocalDateTime.parse(h).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // try the next format
        }
        try {
            return OffsetDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw XeroApiException.validation(null, "If-Modified-Since is not a valid date: " + header);
        }
    }

    private static BigDecimal money(Object v, String field) {
        if (v == null) {
            return null;
        }
        try {
            return new BigDecimal(v.toString()).setScale(2, RoundingMode.HALF_UP);
        } catch (NumberFormatException e) {
            throw XeroApiException.validation(null, field + " must be a number");
        }
    }

    /** Public copy: internal keys (starting with {@code _}) removed, maps and lists copied. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> render(Map<String, Object> entity) {
        Map<String, Object> out = new LinkedHashMap<>();
        entity.forEach((k, v) -> {
            if (!k.startsWith("_")) {
                out.put(k, copy(v));
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object copy(Object v) {
        if (v instanceof Map<?, ?> m) {
            return render((Map<String, Object>) m);
        }
        if (v instanceof List<?> l) {
            return l.stream().map(XeroSimulatorData::copy).toList();
        }
        return v;
    }

    private void touch(Map<String, Object> e) {
        Instant now = clock.next();
        e.put("_updated", now);
        e.put("UpdatedDateUTC", msDate(now));
    }

    static Instant updated(Map<String, Object> e) {
        return (Instant) e.get("_updated");
    }

    private void fire(String category, String type, UUID id) {
        changeListener.accept(Map.of("category", category, "type", type, "id", id));
    }

    // ------------------------------------------------------------------ contacts

    public synchronized List<Map<String, Object>> contacts() {
        return contacts.values().stream().map(XeroSimulatorData::render).toList();
    }

    synchronized List<Map<String, Object>> contactsRaw() {
        return new ArrayList<>(contacts.values());
    }

    public synchronized Map<String, Object> contact(UUID id) {
        Map<String, Object> c = contacts.get(id);
        return c == null ? null : render(c);
    }

    /** Creates (no {@code ContactID}, new name) or updates (by {@code ContactID}, or by an existing {@code Name}). */
    public synchronized Map<String, Object> upsertContact(Map<String, Object> in, boolean createOnly) {
        Object idValue = in.get("ContactID");
        Map<String, Object> existing = null;
        if (idValue != null) {
            existing = contacts.get(uuid(idValue, "ContactID", in));
            if (existing == null) {
                throw XeroApiException.validation(in, "The contact with ContactID " + idValue + " could not be found");
            }
        }
        Object name = in.get("Name");
        if (name != null && !(name instanceof String)) {
            throw XeroApiException.validation(in, "Name must be a string");
        }
        if (existing == null && name != null) {
            Map<String, Object> sameName = contactByName((String) name);
            if (sameName != null) {
                if (createOnly) {
                    throw XeroApiException.validation(in, "The contact name " + name
                            + " is already assigned to another contact. The contact name must be unique across all active contacts.");
                }
                existing = sameName;
            }
        }
        if (existing == null) {
            if (name == null || ((String) name).isBlank()) {
                throw XeroApiException.validation(in, "The contact name must be specified.");
            }
            Map<String, Object> c = new LinkedHashMap<>();
            UUID id = newId("contact");
            c.put("ContactID", id.toString());
            c.put("ContactStatus", "ACTIVE");
            c.put("Name", name);
            c.put("FirstName", "");
            c.put("LastName", "");
            c.put("EmailAddress", "");
            c.put("Addresses", new ArrayList<>());
            c.put("Phones", new ArrayList<>());
            c.put("ContactGroups", new ArrayList<>());
            c.put("ContactPersons", new ArrayList<>());
            c.put("IsSupplier", false);
            c.put("IsCustomer", false);
            c.put("HasAttachments", false);
            c.put("HasValidationErrors", false);
            applyContactFields(c, in);
            touch(c);
            contacts.put(id, c);
            fire("CONTACT", "CREATE", id);
            return render(c);
        }
        if (name != null && !name.equals(existing.get("Name"))) {
            Map<String, Object> clash = contactByName((String) name);
            if (clash != null && clash != existing) {
                throw XeroApiException.validation(in, "The contact name " + name + " is already assigned to another contact.");
            }
            existing.put("Name", name);
        }
        applyContactFields(existing, in);
        touch(existing);
        UUID id = UUID.fromString((String) existing.get("ContactID"));
        fire("CONTACT", "UPDATE", id);
        return render(existing);
    }

    private static void applyContactFields(Map<String, Object> c, Map<String, Object> in) {
        for (String f : List.of("ContactNumber", "AccountNumber", "FirstName", "LastName", "EmailAddress",
                "DefaultCurrency", "TaxNumber")) {
            if (in.get(f) != null) {
                c.put(f, in.get(f).toString());
            }
        }
        for (String f : List.of("Addresses", "Phones")) {
            if (in.get(f) instanceof List<?> l) {
                c.put(f, new ArrayList<>(l));
            }
        }
        if (in.get("ContactStatus") != null) {
            String s = in.get("ContactStatus").toString();
            if (!List.of("ACTIVE", "ARCHIVED", "GDPRREQUEST").contains(s)) {
                throw XeroApiException.validation(in, "ContactStatus " + s + " is not valid");
            }
            c.put("ContactStatus", s);
        }
    }

    private Map<String, Object> contactByName(String name) {
        return contacts.values().stream()
                .filter(c -> name.equalsIgnoreCase((String) c.get("Name")) && "ACTIVE".equals(c.get("ContactStatus")))
                .findFirst().orElse(null);
    }

    private static UUID uuid(Object v, String field, Map<String, Object> element) {
        try {
            return UUID.fromString(v.toString());
        } catch (IllegalArgumentException e) {
            throw XeroApiException.validation(element, field + " is not a valid GUID: " + v);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> resolveContact(Object ref, Map<String, Object> element) {
        if (!(ref instanceof Map<?, ?> m)) {
            throw XeroApiException.validation(element, "A Contact must be specified for this type of transaction");
        }
        Map<String, Object> r = (Map<String, Object>) m;
        if (r.get("ContactID") != null) {
            Map<String, Object> c = contacts.get(uuid(r.get("ContactID"), "ContactID", element));
            if (c == null) {
                throw XeroApiException.validation(element, "The contact with ContactID " + r.get("ContactID") + " could not be found");
            }
            return c;
        }
        if (r.get("Name") != null) {
            Map<String, Object> c = contactByName(r.get("Name").toString());
            return c != null ? c : contacts.get(UUID.fromString((String) upsertContact(Map.of("Name", r.get("Name")), true).get("ContactID")));
        }
        throw XeroApiException.validation(element, "A Contact must be specified for this type of transaction");
    }

    private static Map<String, Object> contactRef(Map<String, Object> c) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("ContactID", c.get("ContactID"));
        ref.put("Name", c.get("Name"));
        ref.put("HasValidationErrors", false);
        return ref;
    }

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
