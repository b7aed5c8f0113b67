package org.matterhub.simulators.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.matterhub.simulators.common.Json;
import org.matterhub.simulators.common.MonotonicClock;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One QuickBooks company (realm): its Customers, Invoices, Payments and CreditMemos as QBO JSON
 * (element names of {@code Finance.xsd}), deletion tombstones for CDC, and the {@code requestid} replay cache.
 * Every method is synchronized: a realm is small and changes are atomic.
 */
public final class QboRealm extends QboRealmStore {

    QboRealm(String realmId, MonotonicClock clock, Consumer<Change> listener) {
        super(realmId, clock, listener);
    }

    /** Entity names simulated, as in the XSD; the URL segment is the lower-case name. */
    public static final List<String> ENTITIES = List.of("Customer", "Invoice", "Payment", "CreditMemo");

    /** A change, for webhooks: {@code operation} is Create, Update, Delete or Void. */
    public record Change(String realmId, String entity, String id, String operation, Instant at) {
    }

    /** A replayable response, keyed by {@code requestid}. */
    record Replay(int status, byte[] body) {
    }

    public String realmId() {
        return realmId;
    }

    /** The entity name for a URL segment ({@code creditmemo} → {@code CreditMemo}), or null. */
    static String entityForSegment(String segment) {
        for (String e : ENTITIES) {
            if (e.equalsIgnoreCase(segment)) {
                return e;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ reads

    /** A copy of the live entity, or a 610 fault. */
    public synchronized ObjectNode read(String entity, String id) {
        ObjectNode e = store.get(entity).get(id);
        if (e == null) {
            throw QboFault.notFound(entity, id);
        }
        return render(entity, e);
    }

    /** Copies of all live entities of a type, in id order. */
    public synchronized List<ObjectNode> all(String entity) {
        List<ObjectNode> out = new ArrayList<>();
        store.get(entity).values().forEach(e -> out.add(render(entity, e)));
        return out;
    }

    /** Payments whose lines link to the invoice (inspection; not a QBO endpoint). */
    public synchronized List<ObjectNode> paymentsForInvoice(String invoiceId) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode p : store.get("Payment").values()) {
            for (JsonNode line : p.path("Line")) {
                for (JsonNode l : line.path("LinkedTxn")) {
                    if ("Invoice".equals(l.path("TxnType").asText()) && invoiceId.equals(l.path("TxnId").asText())) {
                        out.add(p.deepCopy());
                    }
                }
            }
        }
        return out;
    }

    public synchronized int count(String entity) {
        return store.get(entity).size();
    }

    /** CDC: live entities changed after {@code since} and tombstones after it, oldest change first. */
    synchronized Map<String, List<ObjectNode>> changedSince(List<String> entities, Instant since, int cap) {
        record Item(String entity, Instant at, ObjectNode node) {
        }
        List<Item> items = new ArrayList<>();
        for (String entity : entities) {
            for (ObjectNode e : store.get(entity).values()) {
                Instant at = QboTime.parse(e.path("MetaData").path("LastUpdatedTime").asText());
                if (at.isAfter(since)) {
                    items.add(new Item(entity, at, render(entity, e)));
                }
            }
            for (Tombstone t : tombstones) {
                if (t.entity().equals(entity) && t.at().isAfter(since)) {
                    ObjectNode d = Json.mapper().createObjectNode();
                    d.put("domain", "QBO");
                    d.put("status", "Deleted");
                    d.put("Id", t.id());
                    d.putObject("MetaData").put("LastUpdatedTime", QboTime.dateTime(t.at()));
                    items.add(new Item(entity, t.at(), d));
                }
            }
        }
        items.sort(Comparator.comparing(Item::at));
        Map<String, List<ObjectNode>> out = new LinkedHashMap<>();
        entities.forEach(e -> out.put(e, new ArrayList<>()));
        items.stream().limit(cap).forEach(i -> out.get(i.entity()).add(i.node()));
        return out;
    }

    // ------------------------------------------------------------------ writes

    /** Creates an entity from a QBO request body; returns the stored entity. */
    public synchronized ObjectNode create(String entity, ObjectNode body) {
        ObjectNode e = body.deepCopy();
        stripReadOnly(e);
        Instant now = clock.next();
        String id = "Customer".equals(entity) ? Long.toString(nextNameId++) : Long.toString(nextTxnId++);
        e.put("Id", id);
        e.put("SyncToken", "0");
        ObjectNode meta = e.putObject("MetaData");
        meta.put("CreateTime", QboTime.dateTime(now));
        meta.put("LastUpdatedTime", QboTime.dateTime(now));
        switch (entity) {
            case "Customer" -> deriveCustomer(e, null);
            case "Invoice" -> deriveInvoice(e, true);
            case "Payment" -> applyPayment(e, now);
            case "CreditMemo" -> deriveCreditMemo(e, true);
            default -> throw new IllegalArgumentException(entity);
        }
        store.get(entity).put(id, e);
        fire(entity, id, "Create", now);
        return render(entity, e);
    }

    /** Full or sparse ({@code "sparse":true}) update with SyncToken check. */
    public synchronized ObjectNode update(String entity, ObjectNode body) {
        ObjectNode current = current(entity, body);
        boolean sparse = body.path("sparse").asBoolean(false);
        ObjectNode next;
        if (sparse) {
            next = current.deepCopy();
            ObjectNode changes = body.deepCopy();
            stripReadOnly(changes);
            changes.fields().forEachRemaining(f -> next.set(f.getKey(), f.getValue()));
        } else {
            next = body.deepCopy();
            stripReadOnly(next);
        }
        next.put("Id", current.path("Id").asText());
        Instant now = clock.next();
        next.put("SyncToken", Long.toString(current.path("SyncToken").asLong() + 1));
        ObjectNode meta = next.putObject("MetaData");
        meta.put("CreateTime", current.path("MetaData").path("CreateTime").asText());
        meta.put("LastUpdatedTime", QboTime.dateTime(now));
        switch (entity) {
            case "Customer" -> deriveCustomer(next, current);
            case "Invoice" -> {
                if (voided.contains("Invoice:" + current.path("Id").asText())) {
                    throw business("A voided transaction cannot be updated");
                }
                next.set("LinkedTxn", current.path("LinkedTxn").deepCopy());
                deriveInvoice(next, false);
            }
            case "Payment" -> {
                revertPayment(current, now);
                try {
                    applyPayment(next, now);
                } catch (QboFault f) {
                    applyPayment(current, now);
                    throw f;
                }
            }
            case "CreditMemo" -> deriveCreditMemo(next, false);
            default -> throw new IllegalArgumentException(entity);
        }
        store.get(entity).put(next.path("Id").asText(), next);
        fire(entity, next.path("Id").asText(), "Update", now);
        return render(entity, next);
    }

    /** {@code ?operation=delete}: transactions only (QBO makes names inactive instead). */
    public synchronized ObjectNode delete(String entity, ObjectNode body) {
        if ("Customer".equals(entity)) {
            throw business("Customers cannot be deleted; make them inactive (Active=false)");
        }
        ObjectNode current = current(entity, body);
        String id = current.path("Id").asText();
        if ("Invoice".equals(entity) && !current.path("LinkedTxn").isEmpty()) {
            throw business("Invoice " + id + " has payments applied; delete or void the payments first");
        }
        Instant now = clock.next();
        if ("Payment".equals(entity)) {
            revertPayment(current, now);
        }
        store.get(entity).remove(id);
        tombstones.add(new Tombstone(entity, id, now));
        fire(entity, id, "Delete", now);
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("domain", "QBO");
        out.put("status", "Deleted");
        out.put("Id", id);
        return out;
    }

    /** {@code ?operation=void} for Invoice and Payment: amounts go to zero, the record stays. */
    public synchronized ObjectNode voidTxn(String entity, ObjectNode body) {
        if (!"Invoice".equals(entity) && !"Payment".equals(entity)) {
            throw QboFault.validation("500", "Unsupported Operation", "Operation void is not supported for " + entity);
        }
        ObjectNode current = current(entity, body);
        String id = current.path("Id").asText();
        Instant now = clock.next();
        if ("Invoice".equals(entity) && !current.path("LinkedTxn").isEmpty()) {
            throw business("Invoice " + id + " has payments applied; void the payments first");
        }
        if ("Payment".equals(entity)) {
            revertPayment(current, now);
            current.put("UnappliedAmt", BigDecimal.ZERO);
        }
        for (JsonNode line : current.path("Line")) {
            ((ObjectNode) line).put("Amount", BigDecimal.ZERO);
        }
        current.put("TotalAmt", BigDecimal.ZERO);
        if ("Invoice".equals(entity)) {
            current.put("Balance", BigDecimal.ZERO);
        }
        current.put("PrivateNote", "Voided");
        voided.add(entity + ":" + id);
        current.put("SyncToken", Long.toString(current.path("SyncToken").asLong() + 1));
        ((ObjectNode) current.path("MetaData")).put("LastUpdatedTime", QboTime.dateTime(now));
        fire(entity, id, "Void", now);
        return render(entity, current);
    }

    /** Adds a line of {@code hours} of the "Services" item at {@code rate} to a QuickBooks invoice body. */
    public static void serviceLine(ObjectNode invoice, String description, BigDecimal hours, BigDecimal rate) {
        ObjectNode line = invoice.putArray("Line").addObject();
        line.put("Description", description);
        line.put("Amount", hours.multiply(rate));
        line.put("DetailType", "SalesItemLineDetail");
        ObjectNode d = line.putObject("SalesItemLineDetail");
        d.putObject("ItemRef").put("value", "1").put("name", "Services");
        d.put("Qty", hours);
        d.put("UnitPrice", rate);
    }
}
