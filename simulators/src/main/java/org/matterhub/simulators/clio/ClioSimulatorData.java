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

/**
 * The simulated firm's records: contacts (companies and people), matters, notes and activities (time and
 * expense entries). Methods mutate the data
 * "as a firm user would in Clio's UI": every change bumps {@code etag} and {@code updated_at} and fires
 * the matching webhooks. Thread-safe (one lock for the whole firm).
 *
 * <p>Records are returned as JSON maps in Clio's v4 field names, with every simulated field present
 * (unset values are {@code null}, as Clio renders them).
 */
public final class ClioSimulatorData extends ClioNotesAndActivities {

    ClioSimulatorData(MonotonicClock clock, ChangeListener listener) {
        super(clock, listener);
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
            c.addresses.add(new Item(nextNestedId++, true, "name", "Work", "street", "100 " + name.split(" ")[0] + " Way",
                    "city", "Springfield", "province", "IL", "postal_code", "62701", "country", "United States"));
            return insert(contacts, c, this::renderContact);
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
            return insert(contacts, c, this::renderContact);
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
                update(contacts, clientContactId, this::renderContact, c -> c.isClient = true, "updated");
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
            return insert(matters, m, this::renderMatter);
        }
    }

    /**
     * Changes a matter's status; sets {@code close_date} (Closed), {@code pending_date} (Pending) or
     * {@code open_date} (Open, if unset). Fires {@code updated} and {@code matter_opened} /
     * {@code matter_pended} / {@code matter_closed}.
     */
    public void updateMatterStatus(long matterId, String status) {
        requireStatus(status);
        String lifecycle = switch (status) {
            case "Closed" -> "matter_closed";
            case "Pending" -> "matter_pended";
            default -> "matter_opened";
        };
        update(matters, matterId, this::renderMatter, m -> {
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
        }, "updated", lifecycle);
    }

    /** Changes a matter's description. Fires {@code updated}. */
    public void updateMatterDescription(long matterId, String description) {
        requireText(description, "description");
        update(matters, matterId, this::renderMatter, m -> m.description = description, "updated");
    }

    /**
     * Changes a contact's primary e-mail address as a firm user would in Clio's UI (creating a primary one when
     * none exists). Fires {@code updated}. Not counted by {@link #contactPatchCount(long)}, which counts API PATCHes.
     */
    public void updateContactPrimaryEmail(long contactId, String email) {
        requireText(email, "email");
        update(contacts, contactId, this::renderContact, c -> {
            Item primary = c.emails.stream().filter(e -> e.primary).findFirst().orElse(null);
            if (primary == null) {
                c.emails.add(new Item(nextNestedId++, true, "name", "Work", "address", email));
            } else {
                primary.values.put("address", email);
            }
        }, "updated");
    }

    /** Deletes a matter: gone from GET (404) and lists. Fires {@code deleted} with the last state. */
    public void deleteMatter(long matterId) {
        remove(matters, matterId, this::renderMatter);
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
        update(activities, activityId, this::renderActivity, a -> {
            a.quantity = seconds;
            a.note = note;
        }, "updated");
    }

    /** Marks an activity billed (it went onto a bill). Fires activity {@code updated}. */
    public void markActivityBilled(long activityId) {
        update(activities, activityId, this::renderActivity, a -> a.billed = true, "updated");
    }

    /** Deletes an activity: gone from GET (404) and lists. Fires {@code deleted} with the last state. */
    public void deleteActivity(long activityId) {
        remove(activities, activityId, this::renderActivity);
    }

    /** Full JSON map of an activity; throws {@link IllegalArgumentException} if absent. */
    public Map<String, Object> activity(long id) {
        synchronized (lock) {
            return renderActivity(require(activities, id));
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
        return insert(activities, a, this::renderActivity);
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
            return renderContact(require(contacts, id));
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
        return find(matters, m -> renderedMatters.computeIfAbsent(m.id, id -> renderMatter(m)), filter);
    }

    List<Map<String, Object>> findContacts(Predicate<Map<String, Object>> filter) {
        return find(contacts, c -> renderedContacts.computeIfAbsent(c.id, id -> renderContact(c)), filter);
    }

    Map<String, Object> findMatter(long id) {
        return findOne(matters, id, this::renderMatter);
    }

    Map<String, Object> findContact(long id) {
        return findOne(contacts, id, this::renderContact);
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
            update(contacts, id, this::renderContact, x -> patch.applyTo(x, this), "updated");
            contactPatches.merge(id, 1, Integer::sum);
            return renderContact(c);
        }
    }

}
