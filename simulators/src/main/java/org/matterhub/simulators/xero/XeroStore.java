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

/** The organisation's state and change notification, Xero's date and money formats, and its contacts. */
abstract class XeroStore {

    static final Pattern MS_DATE = Pattern.compile("/Date\\((-?\\d+)([+-]\\d{4})?\\)/");
    static final DateTimeFormatter DATE_STRING = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    final MonotonicClock clock;
    final UUID tenantId;
    final String tenantName;
    final Map<UUID, Map<String, Object>> contacts = new LinkedHashMap<>();
    final Map<UUID, Map<String, Object>> invoices = new LinkedHashMap<>();
    final Map<UUID, Map<String, Object>> payments = new LinkedHashMap<>();
    final Map<UUID, Map<String, Object>> creditNotes = new LinkedHashMap<>();
    final Map<String, UUID> onlineInvoiceTokens = new LinkedHashMap<>();
    long seq;
    int invoiceNumber;
    int creditNoteNumber;
    Consumer<Map<String, Object>> changeListener = e -> { };

    XeroStore(MonotonicClock clock, UUID tenantId, String tenantName) {
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

    UUID newId(String kind) {
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

    static BigDecimal money(Object v, String field) {
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
    static Object copy(Object v) {
        if (v instanceof Map<?, ?> m) {
            return render((Map<String, Object>) m);
        }
        if (v instanceof List<?> l) {
            return l.stream().map(XeroSimulatorData::copy).toList();
        }
        return v;
    }

    void touch(Map<String, Object> e) {
        Instant now = clock.next();
        e.put("_updated", now);
        e.put("UpdatedDateUTC", msDate(now));
    }

    static Instant updated(Map<String, Object> e) {
        return (Instant) e.get("_updated");
    }

    void fire(String category, String type, UUID id) {
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

    static void applyContactFields(Map<String, Object> c, Map<String, Object> in) {
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

    Map<String, Object> contactByName(String name) {
        return contacts.values().stream()
                .filter(c -> name.equalsIgnoreCase((String) c.get("Name")) && "ACTIVE".equals(c.get("ContactStatus")))
                .findFirst().orElse(null);
    }

    static UUID uuid(Object v, String field, Map<String, Object> element) {
        try {
            return UUID.fromString(v.toString());
        } catch (IllegalArgumentException e) {
            throw XeroApiException.validation(element, field + " is not a valid GUID: " + v);
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> resolveContact(Object ref, Map<String, Object> element) {
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

    static Map<String, Object> contactRef(Map<String, Object> c) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("ContactID", c.get("ContactID"));
        ref.put("Name", c.get("Name"));
        ref.put("HasValidationErrors", false);
        return ref;
    }

}
