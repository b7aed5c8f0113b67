package org.matterhub.simulators.quickbooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.matterhub.simulators.common.DemoMatters;
import org.matterhub.simulators.common.Json;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo firm's books: one Customer per client of {@link DemoMatters}, one sub-customer ({@code Job}) per
 * matter (first 12 matters), and per matter one invoice in a fixed rotation: paid, part-paid, overdue
 * (unpaid, due 2026-01-31), voided. Amounts and dates are fixed, so content and ids are identical on every
 * fresh simulator (only MetaData times follow the clock).
 */
final class QboDemoRealm {

    static final String REALM_ID = "9341453050298765";
    static final int MATTERS = 12;

    private QboDemoRealm() {
    }

    static QboDemoSeed seed(QboRealm realm) {
        Map<String, String> clients = new LinkedHashMap<>();
        Map<String, String> matters = new LinkedHashMap<>();
        List<String> paid = new ArrayList<>();
        List<String> partPaid = new ArrayList<>();
        List<String> overdue = new ArrayList<>();
        List<String> voided = new ArrayList<>();
        for (String[] c : DemoMatters.CLIENTS) {
            ObjectNode body = Json.mapper().createObjectNode();
            body.put("DisplayName", c[1]);
            body.put("CompanyName", c[1]);
            body.put("AcctNum", c[0]);
            body.putObject("PrimaryEmailAddr").put("Address", "accounts@" + c[0].toLowerCase() + ".example");
            clients.put(c[0], realm.create("Customer", body).path("Id").asText());
        }
        for (DemoMatters.DemoMatter m : DemoMatters.all().subList(0, MATTERS)) {
            ObjectNode job = Json.mapper().createObjectNode();
            job.put("DisplayName", m.matterNumber() + " " + m.description());
            job.put("AcctNum", m.matterNumber());
            job.put("Job", true);
            job.put("BillWithParent", true);
            job.putObject("ParentRef").put("value", clients.get(m.clientNumber()));
            String jobId = realm.create("Customer", job).path("Id").asText();
            matters.put(m.matterNumber(), jobId);

            BigDecimal hours = BigDecimal.valueOf(4 + m.index() % 5);
            BigDecimal rate = BigDecimal.valueOf(250 + 25L * (m.index() % 4));
            LocalDate txn = LocalDate.of(2026, 1, 1).plusDays(m.index());
            ObjectNode inv = Json.mapper().createObjectNode();
            inv.putObject("CustomerRef").put("value", jobId);
            inv.put("DocNumber", "INV-" + m.matterNumber());
            inv.put("TxnDate", txn.toString());
            inv.put("DueDate", txn.plusDays(30).toString());
            inv.putObject("BillEmail").put("Address", "accounts@" + m.clientNumber().toLowerCase() + ".example");
            QboRealm.serviceLine(inv, "Professional services: " + m.description(), hours, rate);
            ObjectNode created = realm.create("Invoice", inv);
            String invId = created.path("Id").asText();
            BigDecimal total = created.path("TotalAmt").decimalValue();
            switch (m.index() % 4) {
                case 0 -> {
                    pay(realm, jobId, invId, total, txn.plusDays(20));
                    paid.add(invId);
                }
                case 1 -> {
                    pay(realm, jobId, invId, total.divide(BigDecimal.valueOf(2)), txn.plusDays(25));
                    partPaid.add(invId);
                }
                case 2 -> overdue.add(invId);
                default -> {
                    ObjectNode v = Json.mapper().createObjectNode();
                    v.put("Id", invId);
                    v.put("SyncToken", created.path("SyncToken").asText());
                    realm.voidTxn("Invoice", v);
                    voided.add(invId);
                }
            }
        }
        return new QboDemoSeed(realm.realmId(), clients, matters, paid, partPaid, overdue, voided);
    }

    private static void pay(QboRealm realm, String customerId, String invoiceId, BigDecimal amount, LocalDate date) {
        ObjectNode p = Json.mapper().createObjectNode();
        p.putObject("CustomerRef").put("value", customerId);
        p.put("TotalAmt", amount);
        p.put("TxnDate", date.toString());
        p.put("PaymentRefNum", "CHK-" + invoiceId);
        ObjectNode line = p.putArray("Line").addObject();
        line.put("Amount", amount);
        line.putArray("LinkedTxn").addObject().put("TxnId", invoiceId).put("TxnType", "Invoice");
        realm.create("Payment", p);
    }
}
