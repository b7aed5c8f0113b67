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

/** A company's entities, tombstones and replay cache, with QuickBooks' business rules (derived fields, balances, payment application). */
abstract class QboRealmStore {

    record Tombstone(String entity, String id, Instant at) {
    }

    final String realmId;
    final MonotonicClock clock;
    final Consumer<QboRealm.Change> listener;
    final Map<String, LinkedHashMap<String, ObjectNode>> store = new LinkedHashMap<>();
    final List<Tombstone> tombstones = new ArrayList<>();
    final Map<String, QboRealm.Replay> replays = new LinkedHashMap<>();
    final Set<String> voided = new java.util.HashSet<>();
    long nextNameId = 1;
    long nextTxnId = 1;
    long nextDocNumber = 1001;

    QboRealmStore(String realmId, MonotonicClock clock, Consumer<QboRealm.Change> listener) {
        this.realmId = realmId;
        this.clock = clock;
        this.listener = listener;
        QboRealm.ENTITIES.forEach(e -> store.put(e, new LinkedHashMap<>()));
    }

    // ------------------------------------------------------------------ requestid

    synchronized QboRealm.Replay replay(String requestId) {
        return replays.get(requestId);
    }

    synchronized void remember(String requestId, QboRealm.Replay replay) {
        replays.putIfAbsent(requestId, replay);
    }

    /** Runs {@code action} under the realm lock so that a requestid check and its create are atomic. */
    synchronized <T> T locked(java.util.function.Supplier<T> action) {
        return action.get();
    }

    // ------------------------------------------------------------------ business rules

    ObjectNode current(String entity, ObjectNode body) {
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

    static final Set<String> READ_ONLY = Set.of("Id", "SyncToken", "MetaData", "domain", "sparse", "status",
            "Balance", "BalanceWithJobs", "FullyQualifiedName", "Level", "TotalAmt", "UnappliedAmt",
            "RemainingCredit", "LinkedTxn", "InvoiceLink", "time");

    static void stripReadOnly(ObjectNode e) {
        // Payment.TotalAmt is written by the client; the others are computed here.
        JsonNode total = e.get("TotalAmt");
        READ_ONLY.forEach(e::remove);
        if (total != null) {
            e.set("ClientTotalAmt", total);
        }
    }

    void deriveCustomer(ObjectNode c, ObjectNode previous) {
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

    /** The payments applied to an invoice (read by the invoice's derived balance). */
    abstract List<ObjectNode> paymentsForInvoice(String invoiceId);

    void deriveInvoice(ObjectNode inv, boolean creating) {
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

    void deriveCreditMemo(ObjectNode cm, boolean creating) {
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

    ObjectNode customerRef(ObjectNode txn) {
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
    static BigDecimal salesLines(ObjectNode txn, String entity) {
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

    static BigDecimal appliedTo(ObjectNode payment, String invoiceId) {
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
    void applyPayment(ObjectNode p, Instant now) {
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

    void revertPayment(ObjectNode p, Instant now) {
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

    static boolean linksTo(ObjectNode inv, String payId) {
        for (JsonNode l : inv.path("LinkedTxn")) {
            if (payId.equals(l.path("TxnId").asText())) {
                return true;
            }
        }
        return false;
    }

    void touch(String entity, ObjectNode e, Instant now) {
        e.put("SyncToken", Long.toString(e.path("SyncToken").asLong() + 1));
        ((ObjectNode) e.path("MetaData")).put("LastUpdatedTime", QboTime.dateTime(now));
        fire(entity, e.path("Id").asText(), "Update", now);
    }

    static QboFault business(String detail) {
        return QboFault.validation("6000", "A business validation error has occurred while processing your request",
                "Business Validation Error: " + detail);
    }

    void fire(String entity, String id, String operation, Instant at) {
        if (listener != null) {
            listener.accept(new QboRealm.Change(realmId, entity, id, operation, at));
        }
    }

    /** The wire form: a copy with {@code domain}, {@code sparse} and (customers) computed balances. */
    ObjectNode render(String entity, ObjectNode stored) {
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

    BigDecimal customerBalance(String customerId) {
        BigDecimal sum = BigDecimal.ZERO;
        for (ObjectNode inv : store.get("Invoice").values()) {
            if (customerId.equals(inv.path("CustomerRef").path("value").asText())) {
                sum = sum.add(inv.path("Balance").decimalValue());
            }
        }
        return sum;
    }

    BigDecimal descendantsBalance(String customerId) {
        BigDecimal sum = BigDecimal.ZERO;
        for (ObjectNode c : store.get("Customer").values()) {
            if (customerId.equals(c.path("ParentRef").path("value").asText(null))) {
                String id = c.path("Id").asText();
                sum = sum.add(customerBalance(id)).add(descendantsBalance(id));
            }
        }
        return sum;
    }

    static String join(String a, String b) {
        return (a + " " + b).trim();
    }

    static String segment(String entity) {
        return entity.toLowerCase(Locale.ROOT);
    }
}
