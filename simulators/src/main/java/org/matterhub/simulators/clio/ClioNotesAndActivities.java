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
        return find(notes, this::renderNote, filter);
    }

    Map<String, Object> findNote(long id) {
        return findOne(notes, id, this::renderNote);
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
            Instant now = clock.next();
            n.createdAt = now;
            n.updatedAt = now;
            n.etag = etag(n.model, n.id, ++n.version, now);
            n.date = date != null ? date : now.atOffset(ZoneOffset.UTC).toLocalDate();
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
        Map<String, Object> out = render(n, "type", n.type, "subject", n.subject, "detail", n.detail,
                "detail_text_type", n.textType, "date", date(n.date), "time_entries_count", 0);
        out.put("matter", matterRef(n.matterId));
        Contact c = n.contactId == null ? null : contacts.get(n.contactId);
        out.put("contact", c == null ? null : fields("id", c.id, "name", c.name));
        return out;
    }

    /** Activities matching {@code filter}, ascending id. */
    List<Map<String, Object>> findActivities(Predicate<Map<String, Object>> filter) {
        return find(activities, this::renderActivity, filter);
    }

    Map<String, Object> findActivity(long id) {
        return findOne(activities, id, this::renderActivity);
    }

    Map<String, Object> renderActivity(Activity a) {
        boolean time = "TimeEntry".equals(a.type);
        // Since 4.0.4 a time entry's quantity is in seconds; an expense's is a count of units.
        BigDecimal hours = time ? BigDecimal.valueOf(a.quantity).divide(BigDecimal.valueOf(3600), 4, RoundingMode.HALF_UP)
                : BigDecimal.valueOf(a.quantity);
        BigDecimal total = hours.multiply(a.price).setScale(2, RoundingMode.HALF_UP);
        double inHours = time ? hours.doubleValue() : 0.0;
        Map<String, Object> out = render(a, "type", a.type, "date", date(a.date), "quantity", a.quantity,
                "quantity_in_hours", inHours, "rounded_quantity", a.quantity, "rounded_quantity_in_hours", inHours,
                "price", a.price.doubleValue(), "total", total.doubleValue(), "note", a.note, "flat_rate", false,
                "billed", a.billed, "on_bill", a.billed, "non_billable", a.nonBillable,
                "non_billable_total", a.nonBillable ? total.doubleValue() : 0.0, "no_charge", false,
                "tax_setting", "no_tax");
        out.put("matter", matterRef(a.matterId));
        out.put("user", fields("id", a.user.id(), "name", a.user.name()));
        return out;
    }

    boolean isCompany(long contactId) {
        Contact c = contacts.get(contactId);
        return c != null && "Company".equals(c.type);
    }

    long nextNestedId() {
        return nextNestedId++;
    }

}
