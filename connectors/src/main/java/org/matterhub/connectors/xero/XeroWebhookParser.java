package org.matterhub.connectors.xero;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a verified webhook body, {@code {"events":[…],"firstEventSequence","lastEventSequence","entropy"}}
 * (XE-WHY), into {@link XeroEntityEvent}s. The Intent-to-Receive payload has an empty {@code events} array and
 * parses to an empty list. Events of a category this connector does not know are skipped (Xero may add some).
 * Stateless and thread-safe.
 */
public final class XeroWebhookParser {

    private static final Logger log = LoggerFactory.getLogger(XeroWebhookParser.class);

    /**
     * @param rawBody the verified request body
     * @return the events in delivery order, possibly empty
     * @throws XeroWebhookParseException when the body is not Xero's payload
     */
    public List<XeroEntityEvent> parse(byte[] rawBody) {
        if (rawBody == null || rawBody.length == 0) {
            throw new XeroWebhookParseException("webhook body is empty", null);
        }
        JsonNode root;
        try {
            root = XeroJson.MAPPER.readTree(rawBody);
        } catch (IOException e) {
            throw new XeroWebhookParseException("webhook body is not JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new XeroWebhookParseException("webhook body is not a JSON object", null);
        }
        JsonNode events = root.get("events");
        if (events == null || !events.isArray()) {
            throw new XeroWebhookParseException("webhook body has no events array", null);
        }
        List<XeroEntityEvent> out = new ArrayList<>(events.size());
        int index = 0;
        for (JsonNode e : events) {
            XeroEntityEvent event = event(e, index++);
            if (event != null) {
                out.add(event);
            }
        }
        return out;
    }

    private static XeroEntityEvent event(JsonNode e, int index) {
        if (!e.isObject()) {
            throw new XeroWebhookParseException("event " + index + " is not an object", null);
        }
        String category = required(e, "eventCategory", index).toUpperCase(Locale.ROOT);
        XeroEntityEvent.Category known;
        try {
            known = XeroEntityEvent.Category.valueOf(category);
        } catch (IllegalArgumentException unknown) {
            log.debug("xero webhook event {} of unknown category {} skipped", index, category);
            return null;
        }
        return new XeroEntityEvent(uuid(e, "tenantId", index), known, uuid(e, "resourceId", index),
                required(e, "eventType", index).toUpperCase(Locale.ROOT), instant(required(e, "eventDateUtc", index), index));
    }

    private static String required(JsonNode e, String field, int index) {
        String v = XeroJson.text(e.get(field));
        if (v == null || v.isBlank()) {
            throw new XeroWebhookParseException("event " + index + " has no " + field, null);
        }
        return v.trim();
    }

    private static UUID uuid(JsonNode e, String field, int index) {
        String v = required(e, field, index);
        try {
            return UUID.fromString(v);
        } catch (IllegalArgumentException bad) {
            throw new XeroWebhookParseException("event " + index + " has an invalid " + field, bad);
        }
    }

    /** {@code 2026-05-01T10:15:39.902} (UTC, no offset, as Xero sends it), or ISO-8601 with an offset. */
    private static Instant instant(String v, int index) {
        try {
            return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException noLocal) {
            try {
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException bad) {
                throw new XeroWebhookParseException("event " + index + " has an invalid eventDateUtc", bad);
            }
        }
    }
}
