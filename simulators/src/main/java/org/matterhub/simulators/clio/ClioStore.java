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
import java.util.function.Consumer;
import java.util.function.Function;
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
    final Object lock = new Object();
    final MonotonicClock clock;
    final ChangeListener listener;

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
        Contact client = contacts.get(m.clientId);
        Map<String, Object> out = render(m, "number", m.number, "display_number", displayNumber(m),
                "custom_number", null, "description", m.description, "status", m.status, "location", null,
                "client_reference", null, "client_id", m.clientId, "billable", true, "billing_method", "hourly",
                "open_date", date(m.openDate), "close_date", date(m.closeDate), "pending_date", date(m.pendingDate));
        out.put("client", client == null ? null : renderContactBase(client));
        out.put("practice_area", m.practiceAreaId == null ? null
                : fields("id", m.practiceAreaId, "name", practiceAreaName(m.practiceAreaId)));
        // the demo firm's matters were brought in by the attorney responsible for them
        out.put("responsible_attorney", renderUser(m.attorney));
        out.put("originating_attorney", renderUser(m.attorney));
        out.put("matter_stage", null);
        return out;
    }

    String displayNumber(Matter m) {
        Contact client = contacts.get(m.clientId);
        return String.format("%05d-%s", m.number, client == null ? "Client" : shortName(client));
    }

    /** A nested matter as notes and activities show it: id and display number, or null. */
    Map<String, Object> matterRef(Long matterId) {
        Matter m = matterId == null ? null : matters.get(matterId);
        return m == null ? null : fields("id", m.id, "display_number", displayNumber(m));
    }

    /** A record as Clio renders it: id, etag, {@code namesAndValues} in order, created_at, updated_at. */
    static Map<String, Object> render(Stamped r, Object... namesAndValues) {
        Map<String, Object> out = fields("id", r.id, "etag", r.etag);
        out.putAll(fields(namesAndValues));
        out.put("created_at", MonotonicClock.format(r.createdAt));
        out.put("updated_at", MonotonicClock.format(r.updatedAt));
        return out;
    }

    /** An ordered JSON object from alternating names and values (values may be null). */
    static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            out.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return out;
    }

    static Map<String, Object> renderUser(User user) {
        return user == null ? null : fields("id", user.id(), "name", user.name(),
                "first_name", user.name().split(" ")[0], "last_name", user.name().substring(user.name().indexOf(' ') + 1),
                "email", user.email(), "enabled", true, "subscription_type", "Attorney");
    }

    Map<String, Object> renderContactBase(Contact c) {
        return render(c, "name", c.displayName(), "first_name", c.firstName, "middle_name", c.middleName,
                "last_name", c.lastName, "type", c.type, "prefix", c.prefix, "title", c.title, "initials", c.initials(),
                "is_client", c.isClient, "primary_email_address", c.primaryEmail(),
                "primary_phone_number", c.primaryPhone());
    }

    Map<String, Object> renderContact(Contact c) {
        Map<String, Object> out = renderContactBase(c);
        Contact company = c.companyId == null ? null : contacts.get(c.companyId);
        out.put("company", company == null ? null : renderCompanyRef(company));
        out.put("email_addresses", c.emails.stream().map(Item::render).toList());
        out.put("phone_numbers", c.phones.stream().map(Item::render).toList());
        out.put("addresses", c.addresses.stream().map(Item::render).toList());
        return out;
    }

    static Map<String, Object> renderCompanyRef(Contact company) {
        return fields("id", company.id, "etag", company.etag, "name", company.displayName(), "type", company.type);
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
            c.emails.add(new Item(nextNestedId++, true, "name", "Work", "address", email));
        }
        if (phone != null && !phone.isBlank()) {
            c.phones.add(new Item(nextNestedId++, true, "name", "Work", "number", phone));
        }
    }

    /**
     * Inserts a new record: its first version, times and etag, then the {@code created} webhooks with {@code render}'s
     * view of it. Caller holds the data lock.
     */
    <R extends Stamped> long insert(Map<Long, R> table, R r, Function<R, Map<String, Object>> render) {
        Instant now = clock.next();
        r.createdAt = now;
        r.updatedAt = now;
        r.etag = etag(r.model, r.id, ++r.version, now);
        table.put(r.id, r);
        changed(r.model, List.of("created"), null, render.apply(r));
        return r.id;
    }

    /** A new version of a record: a later {@code updated_at} and a new etag. */
    void touch(Stamped r) {
        r.updatedAt = clock.next();
        r.etag = etag(r.model, r.id, ++r.version, r.updatedAt);
    }

    /**
     * Changes record {@code id} as a firm user would: {@code change}, a new version, then the {@code events} webhooks
     * with {@code render}'s views before and after. {@link IllegalArgumentException} when there is no such record.
     */
    <R extends Stamped> void update(Map<Long, R> table, long id, Function<R, Map<String, Object>> render,
                                    Consumer<R> change, String... events) {
        synchronized (lock) {
            R r = require(table, id);
            Map<String, Object> before = render.apply(r);
            change.accept(r);
            touch(r);
            changed(r.model, List.of(events), before, render.apply(r));
        }
    }

    /** Removes a record: gone from GET (404) and lists; fires {@code deleted} with its last state. */
    <R extends Stamped> void remove(Map<Long, R> table, long id, Function<R, Map<String, Object>> render) {
        synchronized (lock) {
            R r = require(table, id);
            table.remove(id);
            changed(r.model, List.of("deleted"), render.apply(r), null);
        }
    }

    /** The record {@code id} of {@code table}; {@link IllegalArgumentException} when there is none. */
    <R> R require(Map<Long, R> table, long id) {
        R r = table.get(id);
        if (r == null) {
            throw new IllegalArgumentException("no record " + id);
        }
        return r;
    }

    Matter requireMatter(long id) {
        return require(matters, id);
    }

    /** {@code render}'s view of the records of {@code table} that pass {@code filter}, ascending id. */
    <R> List<Map<String, Object>> find(Map<Long, R> table, Function<R, Map<String, Object>> render,
                                       Predicate<Map<String, Object>> filter) {
        synchronized (lock) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (R r : table.values()) {
                Map<String, Object> map = render.apply(r);
                if (filter.test(map)) {
                    out.add(map);
                }
            }
            return out;
        }
    }

    /** {@code render}'s view of record {@code id}, or {@code null}. */
    <R> Map<String, Object> findOne(Map<Long, R> table, long id, Function<R, Map<String, Object>> render) {
        synchronized (lock) {
            R r = table.get(id);
            return r == null ? null : render.apply(r);
        }
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
