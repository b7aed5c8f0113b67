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

/**
 * The simulated firm's records: contacts (companies and people), matters, notes and activities (time and
 * expense entries). Methods mutate the data
 * "as a firm user would in Clio's UI": every change bumps {@code etag} and {@code updated_at} and fires
 * the matching webhooks. Thread-safe (one lock for the whole firm).
 *
 * <p>Records are returned as JSON maps in Clio's v4 field names, with every simulated field present
 * (unset values are {@code null}, as Clio renders them).
 */
public final class ClioSimulatorData {

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

    private final Object lock = new Object();
    private final MonotonicClock clock;
    private final ChangeListener listener;
    private final TreeMap<Long, Contact> contacts = new TreeMap<>();
    private final TreeMap<Long, Matter> matters = new TreeMap<>();
    private final Map<String, Long> practiceAreas = new LinkedHashMap<>();
    private final Map<String, User> users = new LinkedHashMap<>();
    private final Map<Long, Integer> contactPatches = new HashMap<>();
    private final TreeMap<Long, Note> notes = new TreeMap<>();
    private final TreeMap<Long, Activity> activities = new TreeMap<>();
    private long nextNoteId = 400_001;
    private long nextActivityId = 500_001;
    private long nextContactId = 100_001;
    private long nextMatterId = 200_001;
    private long nextNestedId = 300_001;
    private long nextPracticeAreaId = 11;
    private long nextUserId = 21;
    private int nextMatterNumber = 1;

    /** Rendered records, valid while nothing has changed since (any change clears them). */
    private final Map<Long, Map<String, Object>> renderedMatters = new java.util.HashMap<>();
    private final Map<Long, Map<String, Object>> renderedContacts = new java.util.HashMap<>();

    private void changed(String model, List<String> events, Map<String, Object> before, Map<String, Object> after) {
        renderedMatters.clear();
        renderedContacts.clear();
        listener.changed(model, events, before, after);
    }

    ClioSimulatorData(MonotonicClock clock, ChangeListener listener) {
        this.clock = clock;
        this.listener = listener;
    }

    // ------------------------------------------------------------------ firm-user operations

    /** Creates a client company with one work e-mail, phone and address. Fires contact {@code created}. */
    public long createCompany(String name, String email, String phone) {
        requireText(name, "name");
        synchronized (lock) {
            Contact c = new Contact(nextContactId++, "Company");
            c.name = name;
            c.isClient = true;
            addInitialDetails(c, email, phone);
            c.addresses.add(new Address(nextNestedId++, "Work", "100 " + name.split(" ")[0] + " Way",
                    "Springfield", "IL", "62701", "United States", true));
            return insertContact(c);
        }
    }

    /**
     * Creates a person, optionally employed by {@code companyId}. Fires contact {@code created}.
     *
     * @param companyId company contact id, or {@code null}
     */
    public long createPerson(String firstName, String lastName, String email, String phone, Long companyId) {
        requireText(firstName, "firstName");
        requireText(lastName, "lastName");
        synchronized (lock) {
            if (companyId != null) {
                Contact company = contacts.get(companyId);
                if (company == null || !"Company".equals(company.type)) {
                    throw new IllegalArgumentException("no company contact " + companyId);
                }
            }
            Contact c = new Contact(nextContactId++, "Person");
            c.firstName = firstName;
            c.lastName = lastName;
            c.companyId = companyId;
            addInitialDetails(c, email, phone);
            return insertContact(c);
        }
    }

    /**
     * Opens a matter for a client. Fires matter {@code created}; marks the client {@code is_client}.
     *
     * @param status Pending, Open or Closed
     */
    public long createMatter(long clientContactId, String description, String status, String practiceArea,
                             String responsibleAttorneyName, String responsibleAttorneyEmail, LocalDate openDate) {
        requireText(description, "description");
        requireStatus(status);
        Objects.requireNonNull(openDate, "openDate");
        synchronized (lock) {
            Contact client = contacts.get(clientContactId);
            if (client == null) {
                throw new IllegalArgumentException("no contact " + clientContactId);
            }
            if (!client.isClient) {
                Map<String, Object> before = renderContact(client);
                client.isClient = true;
                touch(client);
                changed("contact", List.of("updated"), before, renderContact(client));
            }
            Matter m = new Matter(nextMatterId++, nextMatterNumber++);
            m.clientId = clientContactId;
            m.description = description;
            m.status = status;
            m.practiceAreaId = practiceArea == null ? null
                    : practiceAreas.computeIfAbsent(practiceArea, k -> nextPracticeAreaId++);
            m.attorney = responsibleAttorneyName == null ? null
                    : users.computeIfAbsent(responsibleAttorneyName,
                        k -> new User(nextUserId++, responsibleAttorneyName, responsibleAttorneyEmail));
            m.openDate = openDate;
            if ("Pending".equals(status)) {
                m.pendingDate = openDate;
            } else if ("Closed".equals(status)) {
                LocalDate close = openDate.plusDays(120);
                LocalDate today = LocalDate.now(ZoneOffset.UTC);
                m.closeDate = close.isAfter(today) ? today : close;
            }
            Instant now = clock.next();
            m.createdAt = now;
            m.updatedAt = now;
            m.etag = etag("matter", m.id, ++m.version, now);
            matters.put(m.id, m);
            changed("matter", List.of("created"), null, renderMatter(m));
            return m.id;
        }
    }

    /**
     * Changes a matter's status; sets {@code close_date} (Closed), {@code pending_date} (Pending) or
     * {@code open_date} (Open, if unset). Fires {@code updated} and {@code matter_opened} /
     * {@code matter_pended} / {@code matter_closed}.
     */
    public void updateMatterStatus(long matterId, String status) {
        requireStatus(status);
        synchronized (lock) {
            Matter m = requireMatter(matterId);
            Map<String, Object> before = renderMatter(m);
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            m.status = status;
            switch (status) {
                case "Closed" -> m.closeDate = today;
                case "Pending" -> {
                    m.pendingDate = today;
                    m.closeDate = null;
                }
                default -> {
                    if (m.openDate == null) {
                        m.openDate = today;
                    }
                    m.closeDate = null;
                }
            }
            touch(m);
            String lifecycle = switch (status) {
                case "Closed" -> "matter_closed";
                case "Pending" -> "matter_pended";
                default -> "matter_opened";
            };
            changed("matter", List.of("updated", lifecycle), before, renderMatter(m));
        }
    }

    /** Changes a matter's description. Fires {@code updated}. */
    public void updateMatterDescription(long matterId, String description) {
        requireText(description, "description");
        synchronized (lock) {
            Matter m = requireMatter(matterId);
            Map<String, Object> before = renderMatter(m);
            m.description = description;
            touch(m);
            changed("matter", List.of("updated"), before, renderMatter(m));
        }
    }

    /**
     * Changes a contact's primary e-mail address as a firm user would in Clio's UI (creating a primary one when
     * none exists). Fires {@code updated}. Not counted by {@link #contactPatchCount(long)}, which counts API PATCHes.
     */
    public void updateContactPrimaryEmail(long contactId, String email) {
        requireText(email, "email");
        synchronized (lock) {
            Contact c = contacts.get(contactId);
            if (c == null) {
                throw new IllegalArgumentException("no contact " + contactId);
            }
            Map<String, Object> before = renderContact(c);
            Email primary = c.emails.stream().filter(e -> e.primary).findFirst().orElse(null);
            if (primary == null) {
                c.emails.add(new Email(nextNestedId++, "Work", email, true));
            } else {
                primary.address = email;
            }
            touch(c);
            changed("contact", List.of("updated"), before, renderContact(c));
        }
    }

    /** Deletes a matter: gone from GET (404) and lists. Fires {@code deleted} with the last state. */
    public void deleteMatter(long matterId) {
        synchronized (lock) {
            Matter m = requireMatter(matterId);
            matters.remove(matterId);
            changed("matter", List.of("deleted"), renderMatter(m), null);
        }
    }

    /**
     * Records a time entry on a matter as a timekeeper would in Clio's UI. Fires activity {@code created}.
     *
     * @param seconds     time worked ({@code quantity} is in seconds since minor version 4.0.4)
     * @param hourlyRate  the price per hour, in the firm's currency
     * @param nonBillable whether the entry is marked non-billable (its total still shows; nothing is billed)
     * @return the new activity's id
     */
    public long createTimeEntry(long matterId, String userName, LocalDate date, long seconds, BigDecimal hourlyRate,
                                String note, boolean nonBillable) {
        requireText(userName, "userName");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(hourlyRate, "hourlyRate");
        if (seconds <= 0) {
            throw new IllegalArgumentException("seconds must be positive");
        }
        synchronized (lock) {
            return insertActivity(matterId, "TimeEntry", userName, date, seconds, hourlyRate, note, nonBillable);
        }
    }

    /**
     * Records an expense on a matter (quantity units at {@code unitPrice} each). Fires activity {@code created}.
     *
     * @return the new activity's id
     */
    public long createExpenseEntry(long matterId, String userName, LocalDate date, long quantity, BigDecimal unitPrice,
                                   String note) {
        requireText(userName, "userName");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(unitPrice, "unitPrice");
        synchronized (lock) {
            return insertActivity(matterId, "ExpenseEntry", userName, date, quantity, unitPrice, note, false);
        }
    }

    /** Changes a time entry's duration and note, as a timekeeper correcting it would. Fires activity {@code updated}. */
    public void updateTimeEntry(long activityId, long seconds, String note) {
        if (seconds <= 0) {
            throw new IllegalArgumentException("seconds must be positive");
        }
        synchronized (lock) {
            Activity a = requireActivity(activityId);
            Map<String, Object> before = renderActivity(a);
            a.quantity = seconds;
            a.note = note;
            touch(a);
            changed("activity", List.of("updated"), before, renderActivity(a));
        }
    }

    /** Marks an activity billed (it went onto a bill). Fires activity {@code updated}. */
    public void markActivityBilled(long activityId) {
        synchronized (lock) {
            Activity a = requireActivity(activityId);
            Map<String, Object> before = renderActivity(a);
            a.billed = true;
            touch(a);
            changed("activity", List.of("updated"), before, renderActivity(a));
        }
    }

    /** Deletes an activity: gone from GET (404) and lists. Fires {@code deleted} with the last state. */
    public void deleteActivity(long activityId) {
        synchronized (lock) {
            Activity a = requireActivity(activityId);
            activities.remove(activityId);
            changed("activity", List.of("deleted"), renderActivity(a), null);
        }
    }

    /** Full JSON map of an activity; throws {@link IllegalArgumentException} if absent. */
    public Map<String, Object> activity(long id) {
        synchronized (lock) {
            return renderActivity(requireActivity(id));
        }
    }

    /** Ids of a matter's activities (every type), ascending. */
    public List<Long> matterActivityIds(long matterId) {
        synchronized (lock) {
            return activities.values().stream().filter(a -> a.matterId == matterId).map(a -> a.id).toList();
        }
    }

    public int activityCount() {
        synchronized (lock) {
            return activities.size();
        }
    }

    /** Number of activities of type TimeEntry, on any matter. */
    public int timeEntryCount() {
        synchronized (lock) {
            return (int) activities.values().stream().filter(a -> "TimeEntry".equals(a.type)).count();
        }
    }

    private long insertActivity(long matterId, String type, String userName, LocalDate date, long quantity,
                                BigDecimal price, String note, boolean nonBillable) {
        requireMatter(matterId);
        Activity a = new Activity(nextActivityId++, type);
        a.matterId = matterId;
        a.user = users.computeIfAbsent(userName, k -> new User(nextUserId++, userName, null));
        a.date = date;
        a.quantity = quantity;
        a.price = price;
        a.note = note;
        a.nonBillable = nonBillable;
        Instant now = clock.next();
        a.createdAt = now;
        a.updatedAt = now;
        a.etag = etag("activity", a.id, ++a.version, now);
        activities.put(a.id, a);
        changed("activity", List.of("created"), null, renderActivity(a));
        return a.id;
    }

    // ------------------------------------------------------------------ reads

    /** Full JSON map of a matter; throws {@link IllegalArgumentException} if absent. */
    public Map<String, Object> matter(long id) {
        synchronized (lock) {
            return renderMatter(requireMatter(id));
        }
    }

    /** Full JSON map of a contact; throws {@link IllegalArgumentException} if absent. */
    public Map<String, Object> contact(long id) {
        synchronized (lock) {
            Contact c = contacts.get(id);
            if (c == null) {
                throw new IllegalArgumentException("no contact " + id);
            }
            return renderContact(c);
        }
    }

    public int matterCount() {
        synchronized (lock) {
            return matters.size();
        }
    }

    public int contactCount() {
        synchronized (lock) {
            return contacts.size();
        }
    }

    public List<Long> matterIds() {
        synchronized (lock) {
            return List.copyOf(matters.keySet());
        }
    }

    public List<Long> contactIds() {
        synchronized (lock) {
            return List.copyOf(contacts.keySet());
        }
    }

    /** Number of successful {@code PATCH /contacts/{id}.json} received for that contact. */
    public int contactPatchCount(long contactId) {
        synchronized (lock) {
            return contactPatches.getOrDefault(contactId, 0);
        }
    }

    /** Full JSON maps of the notes of a matter (created through the API), ascending id. */
    public List<Map<String, Object>> matterNotes(long matterId) {
        synchronized (lock) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Note n : notes.values()) {
                if (n.matterId != null && n.matterId == matterId) {
                    out.add(renderNote(n));
                }
            }
            return out;
        }
    }

    /** Number of notes created through the API, on any matter or contact. */
    public int noteCount() {
        synchronized (lock) {
            return notes.size();
        }
    }

    // ------------------------------------------------------------------ API-side access (package)

    /** Full maps of matters matching {@code filter}, ascending id. */
    List<Map<String, Object>> findMatters(Predicate<Map<String, Object>> filter) {
        synchronized (lock) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Matter m : matters.values()) {
                Map<String, Object> map = renderedMatters.computeIfAbsent(m.id, id -> renderMatter(m));
                if (filter.test(map)) {
                    out.add(map);
                }
            }
            return out;
        }
    }

    List<Map<String, Object>> findContacts(Predicate<Map<String, Object>> filter) {
        synchronized (lock) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Contact c : contacts.values()) {
                Map<String, Object> map = renderedContacts.computeIfAbsent(c.id, id -> renderContact(c));
                if (filter.test(map)) {
                    out.add(map);
                }
            }
            return out;
        }
    }

    Map<String, Object> findMatter(long id) {
        synchronized (lock) {
            Matter m = matters.get(id);
            return m == null ? null : renderMatter(m);
        }
    }

    Map<String, Object> findContact(long id) {
        synchronized (lock) {
            Contact c = contacts.get(id);
            return c == null ? null : renderContact(c);
        }
    }

    /**
     * Applies a {@code PATCH /contacts/{id}.json} body ({@code data} object, already type-checked by
     * {@link ClioContactPatch}). Checks {@code If-Match} first.
     */
    Map<String, Object> patchContact(long id, String ifMatch, ClioContactPatch patch) {
        synchronized (lock) {
            Contact c = contacts.get(id);
            if (c == null) {
                throw ClioApiException.notFound("Contact " + id);
            }
            if (ifMatch != null && !ifMatch.isBlank() && !"*".equals(ifMatch.trim())
                    && !ifMatch.trim().equals(c.etag)) {
                throw ClioApiException.preconditionFailed();
            }
            Map<String, Object> before = renderContact(c);
            patch.applyTo(c, this);
            touch(c);
            contactPatches.merge(id, 1, Integer::sum);
            Map<String, Object> after = renderContact(c);
            changed("contact", List.of("updated"), before, after);
            return after;
        }
    }

    /** Every field name a note can be asked for, with nested shapes (for validating {@code fields}). */
    static Map<String, Object> noteShape() {
        ClioSimulatorData d = new ClioSimulatorData(new MonotonicClock(), (a, b, c, e) -> { });
        long client = d.createCompany("Shape Co", "x@example.com", "1");
        long matter = d.createMatter(client, "shape", "Open", "Shape", "A B", "a@example.com", LocalDate.EPOCH);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", "Matter");
        data.put("matter", Map.of("id", matter));
        data.put("subject", "s");
        data.put("detail", "d");
        Map<String, Object> note = d.createNote(data);
        note.put("contact", Map.of("id", 0L, "name", ""));
        return note;
    }

    /** Notes matching {@code filter}, ascending id. */
    List<Map<String, Object>> findNotes(Predicate<Map<String, Object>> filter) {
        synchronized (lock) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Note n : notes.values()) {
                Map<String, Object> map = renderNote(n);
                if (filter.test(map)) {
                    out.add(map);
                }
            }
            return out;
        }
    }

    Map<String, Object> findNote(long id) {
        synchronized (lock) {
            Note n = notes.get(id);
            return n == null ? null : renderNote(n);
        }
    }

    /**
     * Creates a note from a {@code POST /notes.json} body's {@code data} (Note#create): {@code type} Matter or
     * Contact with the matching {@code matter} or {@code contact} reference, {@code subject}, {@code detail},
     * optional {@code date} (default today, UTC) and {@code detail_text_type}. Unknown attributes → 422.
     */
    Map<String, Object> createNote(Map<String, Object> data) {
        Set<String> known = Set.of("type", "matter", "contact", "subject", "detail", "detail_text_type", "date",
                "notification_event_subscribers");
        for (String k : data.keySet()) {
            if (!known.contains(k)) {
                throw ClioApiException.unprocessable("Unknown attribute " + k + " for Note");
            }
        }
        Object type = data.get("type");
        if (!"Matter".equals(type) && !"Contact".equals(type)) {
            throw ClioApiException.unprocessable("type must be Matter or Contact");
        }
        Long matterId = refId(data.get("matter"), "matter");
        Long contactId = refId(data.get("contact"), "contact");
        String textType = data.get("detail_text_type") == null ? "plain_text" : data.get("detail_text_type").toString();
        if (!Set.of("plain_text", "rich_text").contains(textType)) {
            throw ClioApiException.unprocessable("detail_text_type must be plain_text or rich_text");
        }
        LocalDate date;
        try {
            date = data.get("date") == null ? null : LocalDate.parse(data.get("date").toString());
        } catch (java.time.format.DateTimeParseException e) {
            throw ClioApiException.unprocessable("date must be an ISO-8601 date");
        }
        for (String f : List.of("subject", "detail")) {
            if (data.get(f) != null && !(data.get(f) instanceof String)) {
                throw ClioApiException.unprocessable(f + " must be a string");
            }
        }
        synchronized (lock) {
            if ("Matter".equals(type)) {
                if (matterId == null) {
                    throw ClioApiException.unprocessable("matter is required for a Matter note");
                }
                if (!matters.containsKey(matterId)) {
                    throw ClioApiException.unprocessable("Matter " + matterId + " does not exist");
                }
                contactId = null;
            } else {
                if (contactId == null) {
                    throw ClioApiException.unprocessable("contact is required for a Contact note");
                }
                if (!contacts.containsKey(contactId)) {
                    throw ClioApiException.unprocessable("Contact " + contactId + " does not exist");
                }
                matterId = null;
            }
            Note n = new Note(nextNoteId++);
            n.type = type.toString();
            n.matterId = matterId;
            n.contactId = contactId;
            n.subject = (String) data.get("subject");
            n.detail = (String) data.get("detail");
            n.textType = textType;
            n.createdAt = clock.next();
            n.date = date != null ? date : n.createdAt.atOffset(ZoneOffset.UTC).toLocalDate();
            n.updatedAt = n.createdAt;
            n.etag = etag("note", n.id, 1, n.updatedAt);
            notes.put(n.id, n);
            return renderNote(n);
        }
    }

    private static Long refId(Object ref, String name) {
        if (ref == null) {
            return null;
        }
        if (!(ref instanceof Map<?, ?> m) || !(m.get("id") instanceof Number id)) {
            throw ClioApiException.unprocessable(name + " must be an object with a numeric id");
        }
        return id.longValue();
    }

    private Map<String, Object> renderNote(Note n) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", n.id);
        out.put("etag", n.etag);
        out.put("type", n.type);
        out.put("subject", n.subject);
        out.put("detail", n.detail);
        out.put("detail_text_type", n.textType);
        out.put("date", date(n.date));
        out.put("created_at", MonotonicClock.format(n.createdAt));
        out.put("updated_at", MonotonicClock.format(n.updatedAt));
        out.put("time_entries_count", 0);
        Matter m = n.matterId == null ? null : matters.get(n.matterId);
        if (m == null) {
            out.put("matter", null);
        } else {
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("id", m.id);
            ref.put("display_number", renderMatter(m).get("display_number"));
            out.put("matter", ref);
        }
        Contact c = n.contactId == null ? null : contacts.get(n.contactId);
        if (c == null) {
            out.put("contact", null);
        } else {
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("id", c.id);
            ref.put("name", c.name);
            out.put("contact", ref);
        }
        return out;
    }

    /** Activities matching {@code filter}, ascending id. */
    List<Map<String, Object>> findActivities(Predicate<Map<String, Object>> filter) {
        synchronized (lock) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Activity a : activities.values()) {
                Map<String, Object> map = renderActivity(a);
                if (filter.test(map)) {
                    out.add(map);
                }
            }
            return out;
        }
    }

    Map<String, Object> findActivity(long id) {
        synchronized (lock) {
            Activity a = activities.get(id);
            return a == null ? null : renderActivity(a);
        }
    }

    /** Every field name an activity can be asked for, with nested shapes (for validating {@code fields}). */
    static Map<String, Object> activityShape() {
        ClioSimulatorData d = new ClioSimulatorData(new MonotonicClock(), (a, b, c, e) -> { });
        long client = d.createCompany("Shape Co", "x@example.com", "1");
        long matter = d.createMatter(client, "shape", "Open", "Shape", "A B", "a@example.com", LocalDate.EPOCH);
        long id = d.createTimeEntry(matter, "A B", LocalDate.EPOCH, 60, BigDecimal.ONE, "n", false);
        return d.findActivity(id);
    }

    private Map<String, Object> renderActivity(Activity a) {
        Map<String, Object> out = new LinkedHashMap<>();
        boolean time = "TimeEntry".equals(a.type);
        // Since 4.0.4 a time entry's quantity is in seconds; an expense's is a count of units.
        BigDecimal hours = time ? BigDecimal.valueOf(a.quantity).divide(BigDecimal.valueOf(3600), 4, RoundingMode.HALF_UP)
                : BigDecimal.valueOf(a.quantity);
        BigDecimal total = hours.multiply(a.price).setScale(2, RoundingMode.HALF_UP);
        out.put("id", a.id);
        out.put("etag", a.etag);
        out.put("type", a.type);
        out.put("date", date(a.date));
        out.put("quantity", a.quantity);
        out.put("quantity_in_hours", time ? hours.doubleValue() : 0.0);
        out.put("rounded_quantity", a.quantity);
        out.put("rounded_quantity_in_hours", time ? hours.doubleValue() : 0.0);
        out.put("price", a.price.doubleValue());
        out.put("total", total.doubleValue());
        out.put("note", a.note);
        out.put("flat_rate", false);
        out.put("billed", a.billed);
        out.put("on_bill", a.billed);
        out.put("non_billable", a.nonBillable);
        out.put("non_billable_total", a.nonBillable ? total.doubleValue() : 0.0);
        out.put("no_charge", false);
        out.put("created_at", MonotonicClock.format(a.createdAt));
        out.put("updated_at", MonotonicClock.format(a.updatedAt));
        Matter m = matters.get(a.matterId);
        if (m == null) {
            out.put("matter", null);
        } else {
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("id", m.id);
            ref.put("display_number", renderMatter(m).get("display_number"));
            out.put("matter", ref);
        }
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", a.user.id);
        user.put("name", a.user.name);
        out.put("user", user);
        return out;
    }

    private void touch(Activity a) {
        a.updatedAt = clock.next();
        a.etag = etag("activity", a.id, ++a.version, a.updatedAt);
    }

    private Activity requireActivity(long id) {
        Activity a = activities.get(id);
        if (a == null) {
            throw new IllegalArgumentException("no activity " + id);
        }
        return a;
    }

    boolean isCompany(long contactId) {
        Contact c = contacts.get(contactId);
        return c != null && "Company".equals(c.type);
    }

    long nextNestedId() {
        return nextNestedId++;
    }

    // ------------------------------------------------------------------ rendering

    /** Every field name a matter can be asked for, with nested shapes (for validating {@code fields}). */
    static Map<String, Object> matterShape() {
        ClioSimulatorData d = new ClioSimulatorData(new MonotonicClock(), (a, b, c, e) -> { });
        long client = d.createCompany("Shape Co", "x@example.com", "1");
        d.createMatter(client, "shape", "Open", "Shape", "A B", "a@example.com", LocalDate.EPOCH);
        return d.findMatters(x -> true).get(0);
    }

    /** Every field name a contact can be asked for, with nested shapes. */
    static Map<String, Object> contactShape() {
        ClioSimulatorData d = new ClioSimulatorData(new MonotonicClock(), (a, b, c, e) -> { });
        long company = d.createCompany("Shape Co", "x@example.com", "1");
        long person = d.createPerson("A", "B", "a@example.com", "2", company);
        return d.findContact(person);
    }

    private Map<String, Object> renderMatter(Matter m) {
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
        if (m.attorney == null) {
            out.put("responsible_attorney", null);
        } else {
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("id", m.attorney.id);
            u.put("name", m.attorney.name);
            u.put("first_name", m.attorney.name.split(" ")[0]);
            u.put("last_name", m.attorney.name.substring(m.attorney.name.indexOf(' ') + 1));
            u.put("email", m.attorney.email);
            u.put("enabled", true);
            u.put("subscription_type", "Attorney");
            out.put("responsible_attorney", u);
        }
        return out;
    }

    private Map<String, Object> renderContactBase(Contact c) {
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

    private Map<String, Object> renderContact(Contact c) {
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

    private static Map<String, Object> renderCompanyRef(Contact company) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("id", company.id);
        ref.put("etag", company.etag);
        ref.put("name", company.displayName());
        ref.put("type", company.type);
        return ref;
    }

    private String practiceAreaName(long id) {
        for (Map.Entry<String, Long> e : practiceAreas.entrySet()) {
            if (e.getValue() == id) {
                return e.getKey();
            }
        }
        return null;
    }

    private static String shortName(Contact c) {
        String n = "Company".equals(c.type) ? c.name.split(" ")[0] : c.lastName;
        return n.replaceAll("[^A-Za-z0-9]", "");
    }

    private static String date(LocalDate d) {
        return d == null ? null : d.toString();
    }

    // ------------------------------------------------------------------ helpers

    private void addInitialDetails(Contact c, String email, String phone) {
        if (email != null && !email.isBlank()) {
            c.emails.add(new Email(nextNestedId++, "Work", email, true));
        }
        if (phone != null && !phone.isBlank()) {
            c.phones.add(new Phone(nextNestedId++, "Work", phone, true));
        }
    }

    private long insertContact(Contact c) {
        Instant now = clock.next();
        c.createdAt = now;
        c.updatedAt = now;
        c.etag = etag("contact", c.id, ++c.version, now);
        contacts.put(c.id, c);
        changed("contact", List.of("created"), null, renderContact(c));
        return c.id;
    }

    private void touch(Contact c) {
        c.updatedAt = clock.next();
        c.etag = etag("contact", c.id, ++c.version, c.updatedAt);
    }

    private void touch(Matter m) {
        m.updatedAt = clock.next();
        m.etag = etag("matter", m.id, ++m.version, m.updatedAt);
    }

    private Matter requireMatter(long id) {
        Matter m = matters.get(id);
        if (m == null) {
            throw new IllegalArgumentException("no matter " + id);
        }
        return m;
    }

    private static void requireStatus(String status) {
        if (!MATTER_STATUSES.contains(status)) {
            throw new IllegalArgumentException("status must be one of Pending, Open, Closed: " + status);
        }
    }

    private static void requireText(String value, String name) {
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

    // ------------------------------------------------------------------ records (mutable, lock-guarded)

    static final class Contact {
        final long id;
        final String type;
        String name;
        String firstName;
        String middleName;
        String lastName;
        String prefix;
        String title;
        Long companyId;
        boolean isClient;
        final List<Email> emails = new ArrayList<>();
        final List<Phone> phones = new ArrayList<>();
        final List<Address> addresses = new ArrayList<>();
        Instant createdAt;
        Instant updatedAt;
        String etag;
        long version;

        Contact(long id, String type) {
            this.id = id;
            this.type = type;
        }

        String displayName() {
            if ("Company".equals(type)) {
                return name;
            }
            StringBuilder sb = new StringBuilder(firstName == null ? "" : firstName);
            if (middleName != null && !middleName.isBlank()) {
                sb.append(' ').append(middleName);
            }
            if (lastName != null && !lastName.isBlank()) {
                sb.append(' ').append(lastName);
            }
            return sb.toString().trim();
        }

        String initials() {
            StringBuilder sb = new StringBuilder();
            for (String part : displayName().split("\\s+")) {
                if (!part.isEmpty() && Character.isLetter(part.charAt(0))) {
                    sb.append(Character.toUpperCase(part.charAt(0)));
                }
            }
            return sb.toString();
        }

        String primaryEmail() {
            return emails.stream().filter(e -> e.primary).map(e -> e.address).findFirst().orElse(null);
        }

        String primaryPhone() {
            return phones.stream().filter(p -> p.primary).map(p -> p.number).findFirst().orElse(null);
        }
    }

    static final class Email {
        final long id;
        String name;
        String address;
        boolean primary;

        Email(long id, String name, String address, boolean primary) {
            this.id = id;
            this.name = name;
            this.address = address;
            this.primary = primary;
        }
    }

    static final class Phone {
        final long id;
        String name;
        String number;
        boolean primary;

        Phone(long id, String name, String number, boolean primary) {
            this.id = id;
            this.name = name;
            this.number = number;
            this.primary = primary;
        }
    }

    static final class Address {
        final long id;
        String name;
        String street;
        String city;
        String province;
        String postalCode;
        String country;
        boolean primary;

        Address(long id, String name, String street, String city, String province, String postalCode,
                String country, boolean primary) {
            this.id = id;
            this.name = name;
            this.street = street;
            this.city = city;
            this.province = province;
            this.postalCode = postalCode;
            this.country = country;
            this.primary = primary;
        }
    }

    private static final class Matter {
        final long id;
        final int number;
        long clientId;
        String description;
        String status;
        Long practiceAreaId;
        User attorney;
        LocalDate openDate;
        LocalDate pendingDate;
        LocalDate closeDate;
        Instant createdAt;
        Instant updatedAt;
        String etag;
        long version;

        Matter(long id, int number) {
            this.id = id;
            this.number = number;
        }
    }

    private static final class Note {
        final long id;
        String type;
        Long matterId;
        Long contactId;
        String subject;
        String detail;
        String textType;
        LocalDate date;
        Instant createdAt;
        Instant updatedAt;
        String etag;

        Note(long id) {
            this.id = id;
        }
    }

    private static final class Activity {
        final long id;
        final String type;
        long matterId;
        User user;
        LocalDate date;
        long quantity;
        BigDecimal price;
        String note;
        boolean billed;
        boolean nonBillable;
        Instant createdAt;
        Instant updatedAt;
        String etag;
        long version;

        Activity(long id, String type) {
            this.id = id;
            this.type = type;
        }
    }

    private record User(long id, String name, String email) {
    }
}
