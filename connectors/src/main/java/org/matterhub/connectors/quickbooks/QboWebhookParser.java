package org.matterhub.connectors.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads both webhook payload formats QBO sends (VENDORS.md §4.4) into {@link QboEntityChange}s:
 * <ul>
 *   <li>legacy: {@code {"eventNotifications":[{"realmId","dataChangeEvent":{"entities":[{"name","id",
 *       "operation","lastUpdated"}]}}]}};</li>
 *   <li>CloudEvents: a JSON array of {@code {"type":"qbo.<entity>.<created|updated|deleted|…>.v1",
 *       "intuitentityid","intuitaccountid","time",…}}, possibly mixing realms.</li>
 * </ul>
 * Verify the signature first ({@link QboWebhookVerifier}); anything else throws
 * {@link QboMalformedWebhookException}, and the caller dead-letters the raw body.
 */
public final class QboWebhookParser {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** CloudEvents type segments of the entities QBO names in lower case, to the API's entity names. */
    private static final Map<String, String> ENTITY_NAMES = Map.ofEntries(
            Map.entry("customer", "Customer"), Map.entry("invoice", "Invoice"), Map.entry("payment", "Payment"),
            Map.entry("creditmemo", "CreditMemo"), Map.entry("estimate", "Estimate"),
            Map.entry("salesreceipt", "SalesReceipt"), Map.entry("refundreceipt", "RefundReceipt"),
            Map.entry("account", "Account"), Map.entry("vendor", "Vendor"), Map.entry("bill", "Bill"),
            Map.entry("billpayment", "BillPayment"), Map.entry("item", "Item"), Map.entry("class", "Class"),
            Map.entry("employee", "Employee"), Map.entry("journalentry", "JournalEntry"),
            Map.entry("timeactivity", "TimeActivity"), Map.entry("purchase", "Purchase"),
            Map.entry("deposit", "Deposit"), Map.entry("transfer", "Transfer"), Map.entry("term", "Term"),
            Map.entry("department", "Department"), Map.entry("paymentmethod", "PaymentMethod"));
    private static final Map<String, String> OPERATIONS = Map.of("created", "Create", "updated", "Update",
            "deleted", "Delete", "merged", "Merge", "voided", "Void", "emailed", "Emailed");

    /** The changes in {@code rawBody}, in payload order. */
    public List<QboEntityChange> parse(byte[] rawBody) {
        if (rawBody == null || rawBody.length == 0) {
            throw new QboMalformedWebhookException("empty QuickBooks webhook body");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(rawBody);
        } catch (IOException e) {
            throw new QboMalformedWebhookException("QuickBooks webhook body is not JSON", e);
        }
        if (root != null && root.isArray()) {
            return cloudEvents(root);
        }
        if (root != null && root.isObject() && root.path("eventNotifications").isArray()) {
            return legacy(root.get("eventNotifications"));
        }
        throw new QboMalformedWebhookException(
                "QuickBooks webhook body is neither an eventNotifications object nor a CloudEvents array");
    }

    private static List<QboEntityChange> legacy(JsonNode notifications) {
        List<QboEntityChange> out = new ArrayList<>();
        for (JsonNode n : notifications) {
            String realmId = required(n, "realmId", "eventNotifications[].realmId");
            JsonNode entities = n.path("dataChangeEvent").path("entities");
            if (!entities.isArray()) {
                throw new QboMalformedWebhookException("eventNotifications[].dataChangeEvent.entities is missing");
            }
            for (JsonNode e : entities) {
                out.add(new QboEntityChange(realmId, required(e, "name", "entities[].name"),
                        required(e, "id", "entities[].id"), required(e, "operation", "entities[].operation"),
                        time(e.path("lastUpdated").asText(null))));
            }
        }
        return out;
    }

    private static List<QboEntityChange> cloudEvents(JsonNode events) {
        List<QboEntityChange> out = new ArrayList<>();
        for (JsonNode e : events) {
            if (!e.isObject()) {
                throw new QboMalformedWebhookException("CloudEvents array holds a non-object");
            }
            String type = required(e, "type", "type");
            String[] parts = type.split("\\.");
            if (parts.length < 3 || !"qbo".equals(parts[0]) || parts[1].isEmpty() || parts[2].isEmpty()) {
                throw new QboMalformedWebhookException("CloudEvents type is not qbo.<entity>.<operation>…: " + type);
            }
            String entitySegment = parts[1].toLowerCase(Locale.ROOT);
            String entity = ENTITY_NAMES.getOrDefault(entitySegment,
                    Character.toUpperCase(entitySegment.charAt(0)) + entitySegment.substring(1));
            String opSegment = parts[2].toLowerCase(Locale.ROOT);
            String operation = OPERATIONS.getOrDefault(opSegment,
                    Character.toUpperCase(opSegment.charAt(0)) + opSegment.substring(1));
            out.add(new QboEntityChange(required(e, "intuitaccountid", "intuitaccountid"), entity,
                    required(e, "intuitentityid", "intuitentityid"), operation, time(e.path("time").asText(null))));
        }
        return out;
    }

    private static String required(JsonNode node, String field, String what) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
            throw new QboMalformedWebhookException("QuickBooks webhook lacks " + what);
        }
        return v.asText();
    }

    private static Instant time(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new QboMalformedWebhookException("QuickBooks webhook time is not ISO-8601: " + text, e);
        }
    }
}
