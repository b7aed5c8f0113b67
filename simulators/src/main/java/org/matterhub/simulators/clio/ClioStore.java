package org.matterhub.simulators.clio;

import org.matterhub.simulators.common.MonotonicClock;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.matterhub.simulators.clio.ClioRecords.*;

/** The firm records' state, lock, change notification and rendering under Clio's v4 field names. */
abstract class ClioStore {

    /** Matter statuses accepted by Clio. */
    public static final Set<String> MATTER_STATUSES = Set.of("Pending", "Open", "Closed");

    /** Activity types accepted by Clio. */
    public static final Set<String> ACTIVITY_TYPES = Set.of("TimeEntry", "ExpenseEntry", "HardCostEntry", "SoftCostEntry");

    /** Receives every change, under the data lock, in the order changes happen. */
    interface ChangeListener {
        /**
         * @param model  {@code matter}, {@code contact} or {@code activity}
         * @param events e.g. {@code [updated, matter_closed]}
         * @param before full record before the change ({@code null} on create)
         * @param after  full record after the change ({@code null} on delete)
         */
        void changed(String model, List<String> events, Map<String, Object> before, Map<String, Object> after);
    }

    final Object lock = new Object();
    final MonotonicClock clock;
    final ChangeListener listener;
    final TreeMap<Long, Contact> contacts = new TreeMap<>();
    final TreeMap<Long, Matter> matters = new TreeMap<>();
    final Map<String, Long> practiceAreas = new LinkedHashMap<>();
    final Map<String, User> users = new LinkedHashMap<>();
    final Map<Long, Integer> contactPatches = new HashMap<>();
    final TreeMap<Long, Note> notes = new TreeMap<>();
    final TreeMap<Long, Activity> activities = new TreeMap<>();
    long nextNoteId = 400_001;
    long nextActivityId = 500_001;
    long nextContactId = 100_001;
    long nextMatterId = 200_001;
    long nextNestedId = 300_001;
    long nextPracticeAreaId = 11;
    long nextUserId = 21;
    int nextMatterNumber = 1;

    /** Rendered records, valid while nothing has changed since (any change clears them). */
    final Map<Long, Map<String, Object>> renderedMatters = new java.util.HashMap<>();
    final Map<Long, Map<String, Object>> renderedContacts = new java.util.HashMap<>();

    void changed(String model, List<String> events, Map<String, Object> before, Map<String, Object> after) {
        renderedMatters.clear();
        renderedContacts.clear();
        listener.changed(model, events, before, after);
    }

    ClioStore(MonotonicClock clock, ChangeListener listener) {
        this.clock = clock;
        this.listener = listener;
    }
    // ------------------------------------------------------------------ rendering

    Map<String, Object> renderMatter(Matter m) {
        Map<String, Object> out = new LinkedHashMap<>();
        Contact client = contacts.get(m.clientId);
        out.put("id", m.id);
        out.put("etag", m.etag);
        out.put("number", m.number);
        out.put("display_number", String.format("%05d-%s", m.number, client == null ? "Client"
                : shortName(client)));
        out.put("custom_number", null);
        out.put("description", m.description);
        out.put("status", m.status);
        out.put("location", null);
        out.put("client_reference", null);
        out.put("client_id", m.clientId);
        out.put("billable", true);
        out.put("billing_method", "hourly");
        out.put("open_date", date(m.openDate));
        out.put("close_date", date(m.closeDate));
        out.put("pending_date", date(m.pendingDate));
        out.put("created_at", MonotonicClock.format(m.createdAt));
        out.put("updated_at", MonotonicClock.format(m.updatedAt));
        out.put("client", client == null ? null : renderContactBase(client));
        if (m.practiceAreaId == null) {
            out.put("practice_area", null);
        } else {
            Map<String, Object> pa = new LinkedHashMap<>();
            pa.put("id", m.practiceAreaId);
            pa.put("name", practiceAreaName(m.practiceAreaId));
            out.put("practice_area", pa);
        }
        // the demo firm's matters were brought in by the attorney responsible for them
        out.put("responsible_attorney", renderUser(m.attorney));
        out.put("originating_attorney", renderUser(m.attorney));
        out.put("matter_stage", null);
        return out;
    }

    static Map<String, Object> renderUser(User user) {
        if (user == null) {
            return null;
        }
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("id", user.id());
        u.put("name", user.name());
        u.put("first_name", user.name().split(" ")[0]);
        u.put("last_name", user.name().substring(user.name().indexOf(' ') + 1));
        u.put("email", user.email());
        u.put("enabled", true);
        u.put("subscription_type", "Attorney");
        return u;
    }

    Map<String, Object> renderContactBase(Contact c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.id);
        out.put("etag", c.etag);
        out.put("name", c.displayName());
        out.put("first_name", c.firstName);
        out.put("middle_name", c.middleName);
        out.put("last_name", c.lastName);
        out.put("type", c.type);
        out.put("prefix", c.prefix);
        out.put("title", c.title);
        out.put("initials", c.initials());
        out.put("is_client", c.isClient);
        out.put("primary_email_address", c.primaryEmail());
        out.put("primary_phone_number", c.primaryPhone());
        out.put("created_at", MonotonicClock.format(c.createdAt));
        out.put("updated_at", MonotonicClock.format(c.updatedAt));
        return out;
    }

    Map<String, Object> renderContact(Contact c) {
        Map<String, Object> out = renderContactBase(c);
        Contact company = c.companyId == null ? null : contacts.get(c.companyId);
        out.put("company", company == null ? null : renderCompanyRef(company));
        List<Object> emails = new ArrayList<>();
        for (Email e : c.emails) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.id);
            m.put("name", e.name);
            m.put("address", e.address);
            m.put("primary", e.primary);
            emails.add(m);
        }
        out.put("email_addresses", emails);
        List<Object> phones = new ArrayList<>();
        for (Phone p : c.phones) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", p.id);
            m.put("name", p.name);
            m.put("number", p.number);
            m.put("primary", p.primary);
            phones.add(m);
        }
        out.put("phone_numbers", phones);
        List<Object> addresses = new ArrayList<>();
        for (Address a : c.addresses) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", a.id);
            m.put("name", a.name);
            m.put("street", a.street);
            m.put("city", a.city);
            m.put("province", a.province);
            m.put("postal_code", a.postalCode);
            m.put("country", a.country);
            m.put("primary", a.primary);
            addresses.add(m);
        }
        out.put("addresses", addresses);
        return out;
    }

    static Map<String, Object> renderCompanyRef(Contact company) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("id", company.id);
        ref.put("etag", company.etag);
        ref.put("name", company.displayName());
        ref.put("type", company.type);
        return ref;
    }

    String practiceAreaName(long id) {
        for (Map.Entry<String, Long> e : practiceAreas.entrySet()) {
            if (e.getValue() == id) {
                return e.getKey();
            }
        }
        return null;
    }

    static String shortName(Contact c) {
        String n = "Company".equals(c.type) ? c.name.split(" ")[0] : c.lastName;
        return n.replaceAll("[^A-Za-z0-9]", "");
    }

    static String date(LocalDate d) {
        return d == null ? null : d.toString();
    }

    // ------------------------------------------------------------------ helpers

    void addInitialDetails(Contact c, String email, String phone) {
        if (email != null && !email.isBlank()) {
            c.emails.add(new Email(nextNestedId++, "Work", email, true));
        }
        if (phone != null && !phone.isBlank()) {
            c.phones.add(new Phone(nextNestedId++, "Work", phone, true));
        }
    }

    long insertContact(Contact c) {
        Instant now = clock.next();
        c.createdAt = now;
        c.updatedAt = now;
        c.etag = etag("contact", c.id, ++c.version, now);
        contacts.put(c.id, c);
        changed("contact", List.of("created"), null, renderContact(c));
        return c.id;
    }

    void touch(Contact c) {
        c.updatedAt = clock.next();
        c.etag = etag("contact", c.id, ++c.version, c.updatedAt);
    }

    void touch(Matter m) {
        m.updatedAt = clock.next();
        m.etag = etag("matter", m.id, ++m.version, m.updatedAt);
    }

    Matter requireMatter(long id) {
        Matter m = matters.get(id);
        if (m == null) {
            throw new IllegalArgumentException("no matter " + id);
        }
        return m;
    }

    static void requireStatus(String status) {
        if (!MATTER_STATUSES.contains(status)) {
            throw new IllegalArgumentException("status must be one of Pending, Open, Closed: " + status);
        }
    }

    static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    /** Quoted opaque ETag, different for every version of a record. */
    static String etag(String model, long id, long version, Instant at) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            byte[] hash = md.digest((model + ':' + id + ':' + version + ':' + at.toEpochMilli())
                    .getBytes(StandardCharsets.UTF_8));
            return '"' + HexFormat.of().formatHex(hash) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
