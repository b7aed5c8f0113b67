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
public final class QboRealm {

    /** Entity names simulated, as in the XSD; the URL segment is the lower-case name. */
    public static final List<String> ENTITIES = List.of("Customer", "Invoice", "Payment", "CreditMemo");

    /** A change, for webhooks: {@code operation} is Create, Update, Delete or Void. */
    public record Change(String realmId, String entity, String id, String operation, Instant at) {
    }

    /** A replayable response, keyed by {@code requestid}. */
    record Replay(int status, byte[] body) {
    }

    private record Tombstone(String entity, String id, Instant at) {
    }

    private final String realmId;
    private final MonotonicClock clock;
    private final Consumer<Change> listener;
    private final Map<String, LinkedHashMap<String, ObjectNode>> store = new LinkedHashMap<>();
    private final List<Tombstone> tombstones = new ArrayList<>();
    private final Map<String, Replay> replays = new LinkedHashMap<>();
    private final Set<String> voided = new java.util.HashSet<>();
    private long nextNameId = 1;
    private long nextTxnId = 1;
    private long nextDocNumber = 1001;

    QboRealm(String realmId, MonotonicClock clock, Consumer<Change> listener) {
        this.realmId = realmId;
        this.clock = clock;
        this.listener = listener;
        ENTITIES.forEach(e -> store.put(e, new LinkedHashMap<>()));
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

    // ------------------------------------------------------------------ requestid

    synchronized Replay replay(String requestId) {
        return replays.get(requestId);
    }

    synchronized void remember(String requestId, Replay replay) {
        replays.putIfAbsent(requestId, replay);
    }

    /** Runs {@code action} under the realm lock so that a requestid check and its create are atomic. */
    synchronized <T> T locked(java.util.function.Supplier<T> action) {
        return action.get();
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

    // ------------------------------------------------------------------ business rules

    private ObjectNode current(String entity, ObjectNode body) {
        String id = body.path("Id").asText(null);
        if (id == null || id.isEmpty()) {
            throw QboFault.required("Id");
        }
        ObjectNode current = store.get(entity).get(id);
        if (current == null) {
            throw QboFault.notFound(entity, id);
        }
        String sent = body.path("SyncToken").asText(null);
        if (sent == null) {
            throw QboFault.required("SyncToken");
        }
        String have = current.path("SyncToken").asText();
        if (!have.equals(sent)) {
            throw QboFault.stale(entity, id, sent, have);
        }
        return current;
    }

    private static final Set<String> READ_ONLY = Set.of("Id", "SyncToken", "MetaData", "domain", "sparse", "status",
            "Balance", "BalanceWithJobs", "FullyQualifiedName", "Level", "TotalAmt", "UnappliedAmt",
            "RemainingCredit", "LinkedTxn", "InvoiceLink", "time");

    private static void stripReadOnly(ObjectNode e) {
        // Payment.TotalAmt is written by the client; the others are computed here.
        JsonNode total = e.get("TotalAmt");
        READ_ONLY.forEach(e::remove);
        if (total != null) {
            e.set("ClientTotalAmt", total);
        }
    }

    private void deriveCustomer(ObjectNode c, ObjectNode previous) {
        if (!c.hasNonNull("DisplayName")) {
            String derived = join(c.path("GivenName").asText(""), c.path("FamilyName").asText(""));
            if (derived.isBlank()) {
                derived = c.path("CompanyName").asText("");
            }
            if (derived.isBlank()) {
                throw QboFault.required("DisplayName");
            }
            c.put("DisplayName", derived);
        }
        String name = c.path("DisplayName").asText();
        for (ObjectNode other : store.get("Customer").values()) {
            if (!other.path("Id").asText().equals(c.path("Id").asText())
                    && other.path("DisplayName").asText().equalsIgnoreCase(name)) {
                throw QboFault.validation("6240", "Duplicate Name Exists Error",
                        "The name supplied already exists. : Another customer, vendor or employee is already using this name."
                                + " Please use a different name. Id=" + other.path("Id").asText());
            }
        }
        c.remove("ClientTotalAmt");
        if (c.hasNonNull("ParentRef")) {
            String parentId = c.path("ParentRef").path("value").asText();
            ObjectNode parent = store.get("Customer").get(parentId);
            if (parent == null || parentId.equals(c.path("Id").asText())) {
                throw QboFault.notFound("Customer", parentId);
            }
            ((ObjectNode) c.get("ParentRef")).put("name", parent.path("DisplayName").asText());
            if (!c.has("Job")) {
                c.put("Job", true);
            }
            c.put("Level", parent.path("Level").asInt(0) + 1);
            c.put("FullyQualifiedName", parent.path("FullyQualifiedName").asText() + ":" + name);
            if (!c.has("BillWithParent")) {
                c.put("BillWithParent", false);
            }
        } else {
            c.remove("Level");
            c.put("Job", c.path("Job").asBoolean(false));
            c.put("FullyQualifiedName", name);
            c.put("BillWithParent", false);
        }
        if (!c.has("Active")) {
            c.put("Active", previous == null || previous.path("Active").asBoolean(true));
        }
        c.put("Taxable", c.path("Taxable").asBoolean(false));
        if (!c.has("CurrencyRef")) {
            c.putObject("CurrencyRef").put("value", "USD").put("name", "United States Dollar");
        }
        c.put("PreferredDeliveryMethod", c.path("PreferredDeliveryMethod").asText("Print"));
    }

    private void deriveInvoice(ObjectNode inv, boolean creating) {
        ObjectNode customer = customerRef(inv);
        BigDecimal total = salesLines(inv, "Invoice");
        inv.remove("ClientTotalAmt");
        inv.put("TotalAmt", total);
        BigDecimal paid = BigDecimal.ZERO;
        if (!creating) {
            String invId = inv.path("Id").asText();
            for (ObjectNode p : paymentsForInvoice(invId)) {
                paid = paid.add(appliedTo(p, invId));
            }
        } else {
            inv.putArray("LinkedTxn");
        }
        inv.put("Balance", total.subtract(paid));
        LocalDate txnDate = inv.hasNonNull("TxnDate") ? LocalDate.parse(inv.get("TxnDate").asText())
                : LocalDate.ofInstant(clock.now(), ZoneOffset.UTC);
        inv.put("TxnDate", QboTime.date(txnDate));
        if (!inv.hasNonNull("DueDate")) {
            inv.put("DueDate", QboTime.date(txnDate.plusDays(30)));
        }
        if (!inv.hasNonNull("DocNumber")) {
            inv.put("DocNumber", Long.toString(nextDocNumber++));
        }
        if (!inv.has("CurrencyRef")) {
            inv.set("CurrencyRef", customer.path("CurrencyRef").deepCopy());
        }
        if (!inv.has("EmailStatus")) {
            inv.put("EmailStatus", "NotSet");
        }
    }

    private void deriveCreditMemo(ObjectNode cm, boolean creating) {
        customerRef(cm);
        BigDecimal total = salesLines(cm, "CreditMemo");
        cm.remove("ClientTotalAmt");
        cm.put("TotalAmt", total);
        cm.put("RemainingCredit", total);
        if (!cm.hasNonNull("TxnDate")) {
            cm.put("TxnDate", QboTime.date(LocalDate.ofInstant(clock.now(), ZoneOffset.UTC)));
        }
        if (!cm.hasNonNull("DocNumber")) {
            cm.put("DocNumber", Long.toString(nextDocNumber++));
        }
    }

    private ObjectNode customerRef(ObjectNode txn) {
        if (!txn.hasNonNull("CustomerRef") || !txn.path("CustomerRef").hasNonNull("value")) {
            throw QboFault.required("CustomerRef");
        }
        String cid = txn.path("CustomerRef").path("value").asText();
        ObjectNode customer = store.get("Customer").get(cid);
        if (customer == null || !customer.path("Active").asBoolean(true)) {
            throw QboFault.notFound("Customer", cid);
        }
        ((ObjectNode) txn.get("CustomerRef")).put("name", customer.path("DisplayName").asText());
        return customer;
    }

    /** Validates sales lines, numbers them, re-adds the SubTotalLineDetail line; returns the total. */
    private static BigDecimal salesLines(ObjectNode txn, String entity) {
        JsonNode lines = txn.path("Line");
        if (!lines.isArray() || lines.isEmpty()) {
            throw QboFault.required("Line");
        }
        ArrayNode out = Json.mapper().createArrayNode();
        BigDecimal total = BigDecimal.ZERO;
        int n = 1;
        for (JsonNode l : lines) {
            String type = l.path("DetailType").asText("");
            if ("SubTotalLineDetail".equals(type)) {
                continue;
            }
            if (!"SalesItemLineDetail".equals(type) && !"DescriptionOnly".equals(type)) {
                throw QboFault.validation("2010", "Invalid Enumeration",
                        "Unsupported DetailType " + type + " on " + entity + " line (simulator: SalesItemLineDetail, DescriptionOnly)");
            }
            ObjectNode line = ((ObjectNode) l).deepCopy();
            if (!line.has("Amount")) {
                throw QboFault.required("Line.Amount");
            }
            BigDecimal amount = line.get("Amount").decimalValue();
            if ("SalesItemLineDetail".equals(type)) {
                ObjectNode d = line.has("SalesItemLineDetail") ? (ObjectNode) line.get("SalesItemLineDetail")
                        : line.putObject("SalesItemLineDetail");
                if (!d.has("ItemRef")) {
                    d.putObject("ItemRef").put("value", "1").put("name", "Services");
                }
                if (d.has("Qty") && d.has("UnitPrice")) {
                    BigDecimal expected = d.get("Qty").decimalValue().multiply(d.get("UnitPrice").decimalValue())
                            .setScale(2, RoundingMode.HALF_UP);
                    if (expected.compareTo(amount.setScale(2, RoundingMode.HALF_UP)) != 0) {
                        throw QboFault.validation("6070", "Amount is not equal to UnitPrice * Qty",
                                "Line " + n + ": Amount " + amount + " is not equal to UnitPrice * Qty = " + expected);
                    }
                }
                if (!d.has("TaxCodeRef")) {
                    d.putObject("TaxCodeRef").put("value", "NON");
                }
            }
            line.put("Id", Integer.toString(n));
            line.put("LineNum", n);
            total = total.add(amount);
            out.add(line);
            n++;
        }
        ObjectNode sub = out.addObject();
        sub.put("Amount", total);
        sub.put("DetailType", "SubTotalLineDetail");
        sub.putObject("SubTotalLineDetail");
        txn.set("Line", out);
        return total;
    }

    private static BigDecimal appliedTo(ObjectNode payment, String invoiceId) {
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode line : payment.path("Line")) {
            for (JsonNode l : line.path("LinkedTxn")) {
                if ("Invoice".equals(l.path("TxnType").asText()) && invoiceId.equals(l.path("TxnId").asText())) {
                    sum = sum.add(line.path("Amount").decimalValue());
                }
            }
        }
        return sum;
    }

    /** Validates a payment and applies its lines to the linked invoices' balances. */
    private void applyPayment(ObjectNode p, Instant now) {
        ObjectNode customer = customerRef(p);
        JsonNode totalNode = p.has("ClientTotalAmt") ? p.get("ClientTotalAmt") : p.get("TotalAmt");
        p.remove("ClientTotalAmt");
        if (totalNode == null || !totalNode.isNumber() && !totalNode.isTextual()) {
            throw QboFault.required("TotalAmt");
        }
        BigDecimal total = new BigDecimal(totalNode.asText());
        BigDecimal applied = BigDecimal.ZERO;
        Map<ObjectNode, BigDecimal> perInvoice = new LinkedHashMap<>();
        for (JsonNode line : p.path("Line")) {
            BigDecimal amount = line.path("Amount").decimalValue();
            for (JsonNode l : line.path("LinkedTxn")) {
                String type = l.path("TxnType").asText();
                if (!"Invoice".equals(type)) {
                    throw QboFault.validation("2010", "Invalid Enumeration",
                            "Simulator applies payments to invoices only, not " + type);
                }
                String invId = l.path("TxnId").asText();
                ObjectNode inv = store.get("Invoice").get(invId);
                if (inv == null) {
                    throw QboFault.notFound("Invoice", invId);
                }
                if (!inv.path("CustomerRef").path("value").asText().equals(customer.path("Id").asText())) {
                    throw business("Invoice " + invId + " belongs to another customer");
                }
                perInvoice.merge(inv, amount, BigDecimal::add);
            }
            applied = applied.add(amount);
        }
        for (Map.Entry<ObjectNode, BigDecimal> e : perInvoice.entrySet()) {
            if (e.getValue().compareTo(e.getKey().path("Balance").decimalValue()) > 0) {
                throw business("Payment of " + e.getValue() + " exceeds the balance " + e.getKey().path("Balance").asText()
                        + " of invoice " + e.getKey().path("Id").asText());
            }
        }
        if (applied.compareTo(total) > 0) {
            throw business("The amounts applied (" + applied + ") exceed the payment total (" + total + ")");
        }
        p.put("TotalAmt", total);
        p.put("UnappliedAmt", total.subtract(applied));
        if (!p.hasNonNull("TxnDate")) {
            p.put("TxnDate", QboTime.date(LocalDate.ofInstant(clock.now(), ZoneOffset.UTC)));
        }
        p.put("ProcessPayment", false);
        if (!p.has("CurrencyRef")) {
            p.set("CurrencyRef", customer.path("CurrencyRef").deepCopy());
        }
        String payId = p.path("Id").asText();
        for (Map.Entry<ObjectNode, BigDecimal> e : perInvoice.entrySet()) {
            ObjectNode inv = e.getKey();
            inv.put("Balance", inv.path("Balance").decimalValue().subtract(e.getValue()));
            ArrayNode links = inv.has("LinkedTxn") ? (ArrayNode) inv.get("LinkedTxn") : inv.putArray("LinkedTxn");
            links.addObject().put("TxnId", payId).put("TxnType", "Payment");
            touch("Invoice", inv, now);
        }
    }

    private void revertPayment(ObjectNode p, Instant now) {
        String payId = p.path("Id").asText();
        for (ObjectNode inv : store.get("Invoice").values()) {
            BigDecimal amount = appliedTo(p, inv.path("Id").asText());
            if (amount.signum() == 0 && !linksTo(inv, payId)) {
                continue;
            }
            inv.put("Balance", inv.path("Balance").decimalValue().add(amount));
            Iterator<JsonNode> it = inv.path("LinkedTxn").iterator();
            while (it.hasNext()) {
                if (payId.equals(it.next().path("TxnId").asText())) {
                    it.remove();
                }
            }
            touch("Invoice", inv, now);
        }
    }

    private static boolean linksTo(ObjectNode inv, String payId) {
        for (JsonNode l : inv.path("LinkedTxn")) {
            if (payId.equals(l.path("TxnId").asText())) {
                return true;
            }
        }
        return false;
    }

    private void touch(String entity, ObjectNode e, Instant now) {
        e.put("SyncToken", Long.toString(e.path("SyncToken").asLong() + 1));
        ((ObjectNode) e.path("MetaData")).put("LastUpdatedTime", QboTime.dateTime(now));
        fire(entity, e.path("Id").asText(), "Update", now);
    }

    private static QboFault business(String detail) {
        return QboFault.validation("6000", "A business validation error has occurred while processing your request",
                "Business Validation Error: " + detail);
    }

    private void fire(String entity, String id, String operation, Instant at) {
        if (listener != null) {
            listener.accept(new Change(realmId, entity, id, operation, at));
        }
    }

    /** The wire form: a copy with {@code domain}, {@code sparse} and (customers) computed balances. */
    private ObjectNode render(String entity, ObjectNode stored) {
        ObjectNode out = stored.deepCopy();
        out.put("domain", "QBO");
        out.put("sparse", false);
        if ("Customer".equals(entity)) {
            BigDecimal own = customerBalance(stored.path("Id").asText());
            out.put("Balance", own);
            out.put("BalanceWithJobs", own.add(descendantsBalance(stored.path("Id").asText())));
        }
        return out;
    }

    private BigDecimal customerBalance(String customerId) {
        BigDecimal sum = BigDecimal.ZERO;
        for (ObjectNode inv : store.get("Invoice").values()) {
            if (customerId.equals(inv.path("CustomerRef").path("value").asText())) {
                sum = sum.add(inv.path("Balance").decimalValue());
            }
        }
        return sum;
    }

    private BigDecimal descendantsBalance(String customerId) {
        BigDecimal sum = BigDecimal.ZERO;
        for (ObjectNode c : store.get("Customer").values()) {
            if (customerId.equals(c.path("ParentRef").path("value").asText(null))) {
                String id = c.path("Id").asText();
                sum = sum.add(customerBalance(id)).add(descendantsBalance(id));
            }
        }
        return sum;
    }

    private static String join(String a, String b) {
        return (a + " " + b).trim();
    }

    static String segment(String entity) {
        return entity.toLowerCase(Locale.ROOT);
    }
}
