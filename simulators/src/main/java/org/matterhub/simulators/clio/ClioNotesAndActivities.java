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

/** Notes and activities (time and expense entries) as the API reads and writes them. */
abstract class ClioNotesAndActivities extends ClioStore {

    ClioNotesAndActivities(MonotonicClock clock, ChangeListener listener) {
        super(clock, listener);
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

    static Long refId(Object ref, String name) {
        if (ref == null) {
            return null;
        }
        if (!(ref instanceof Map<?, ?> m) || !(m.get("id") instanceof Number id)) {
            throw ClioApiException.unprocessable(name + " must be an object with a numeric id");
        }
        return id.longValue();
    }

    Map<String, Object> renderNote(Note n) {
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

    Map<String, Object> renderActivity(Activity a) {
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
        out.put("tax_setting", "no_tax");
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
        user.put("id", a.user.id());
        user.put("name", a.user.name());
        out.put("user", user);
        return out;
    }

    void touch(Activity a) {
        a.updatedAt = clock.next();
        a.etag = etag("activity", a.id, ++a.version, a.updatedAt);
    }

    Activity requireActivity(long id) {
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

}
