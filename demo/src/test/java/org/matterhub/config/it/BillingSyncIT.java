package org.matterhub.config.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.matterhub.demo.DemoAccounting;
import org.matterhub.config.support.TestHub;
import org.matterhub.mappings.billing.BillingFeed;
import org.matterhub.mappings.billing.BillingSettings;
import org.matterhub.mappings.canonical.SourceSystem;
import org.matterhub.mappings.quickbooks.QuickBooksBillingMapper;
import org.matterhub.routes.billing.BillingApplier;
import org.matterhub.routes.billing.BillingConnections;
import org.matterhub.routes.billing.quickbooks.QuickBooksClients;
import org.matterhub.routes.billing.xero.XeroClients;
import org.matterhub.routes.billing.BillingReconciliation;
import org.matterhub.simulators.common.FaultKind;
import org.matterhub.simulators.common.FaultRule;
import org.matterhub.simulators.quickbooks.QboRealm;
import org.matterhub.simulators.quickbooks.QboWebhooks;
import org.matterhub.simulators.xero.XeroWebhooks;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Billing end to end over real HTTP: the demo hub connected through OAuth to the QuickBooks Online simulator (driven by
 * Intuit's devkit) and the Xero simulator (driven by xero-java). Invoices arrive with the vendor's amounts, statuses and
 * the matter the firm's rule names; a finance user sees exactly their organisation's; the PDF and the pay-now link
 * come from the accounting system; a payment staff record reaches it exactly once despite 5xx and lost responses and
 * comes back through the sync; webhooks are verified; a record whose amounts the currency cannot hold is parked; the
 * reconciliation reports a difference and does not touch the balance.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BillingSyncIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PARTNER = "schen@harbourlaw.example";
    static final String OPS = "ops@harbourlaw.example";

    TestHub hub;
    DemoAccounting.Simulators books;
    QboRealm realm;
    UUID northwind;
    UUID bluebird;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() {
        hub = TestHub.start(Map.of("matterhub.demo.documents", "false"));
        books = hub.billing().simulators();
        realm = books.quickbooks().realm(books.quickbooksSeed().realmId());
        northwind = org("Northwind Holdings Ltd");
        bluebird = org("Bluebird Ventures LLC");
    }

    @AfterAll
    void stop() {
        hub.close();
    }

    UUID org(String name) {
        return (UUID) hub.query("select id from client_org where name = ?", name).get(0).get("id");
    }

    String userOf(UUID org, String role) {
        return (String) hub.query("select u.email from portal_user u join membership m on m.user_id = u.id "
                + "where m.client_org_id = ? and m.role = ? order by u.email limit 1", org, role).get(0).get("email");
    }

    long minor(JsonNode decimal) {
        return decimal.decimalValue().movePointRight(2).longValueExact();
    }

    /** The simulator's balance of a QuickBooks invoice, in cents. */
    long qboBalance(String id) {
        return minor(realm.read("Invoice", id).path("Balance"));
    }

    long portalBalance(UUID connection, String externalId) {
        return hub.count("select balance_minor from invoice where connection_id = ? and external_id = ?", connection, externalId);
    }

    @Test
    @Order(1)
    void quickBooksInvoicesArriveWithTheirStatusesOrganisationAndMatter() {
        UUID qbo = hub.billingConnectionId(SourceSystem.QUICKBOOKS.id());
        var seed = books.quickbooksSeed();
        for (String id : seed.paidInvoiceIds()) {
            assertThat(status(qbo, id)).isEqualTo("paid");
        }
        for (String id : seed.partPaidInvoiceIds()) {
            assertThat(status(qbo, id)).isEqualTo("partially_paid");
        }
        for (String id : seed.voidedInvoiceIds()) {
            assertThat(status(qbo, id)).isEqualTo("void");
        }
        for (String id : seed.overdueInvoiceIds()) {
            assertThat(status(qbo, id)).isEqualTo("open");
            assertThat(hub.count("select count(*) from invoice where connection_id = ? and external_id = ? and due_on < current_date",
                    qbo, id)).isEqualTo(1);
        }
        // Every invoice's balance and total are the simulator's, to the cent.
        for (ObjectNode inv : realm.all("Invoice")) {
            String id = inv.path("Id").asText();
            assertThat(portalBalance(qbo, id)).as("balance of %s", id).isEqualTo(qboBalance(id));
            assertThat(hub.count("select total_minor from invoice where connection_id = ? and external_id = ?", qbo, id))
                    .isEqualTo(minor(inv.path("TotalAmt")));
        }
        // Northwind's invoices reach Northwind and the matter of their sub-customer; the other customers' stay with the firm.
        assertThat(hub.count("select count(*) from invoice where connection_id = ? and client_org_id = ?", qbo, northwind)).isPositive();
        assertThat(hub.count("select count(*) from invoice i join matter m on m.id = i.matter_id where i.connection_id = ? "
                + "and (m.client_org_id <> i.client_org_id or ltrim(i.matter_number, '0') "
                + "<> ltrim(coalesce(m.number, split_part(m.display_number, '-', 1)), '0'))", qbo)).isZero();
        assertThat(hub.count("select count(*) from invoice where connection_id = ? and client_org_id = ? and matter_id is null",
                qbo, northwind)).isZero();
        assertThat(hub.count("select count(*) from invoice where connection_id = ? and client_org_id is null "
                + "and matter_resolution = 'unlinked_customer'", qbo)).isPositive();
        assertThat(hub.count("select count(*) from invoice where connection_id = ? and client_org_id is not null "
                + "and client_org_id <> ?", qbo, northwind)).isZero();
        // Lines and payments came along.
        assertThat(hub.count("select count(*) from invoice_line l join invoice i on i.id = l.invoice_id where i.connection_id = ?", qbo))
                .isGreaterThanOrEqualTo(realm.count("Invoice"));
        for (String id : seed.paidInvoiceIds()) {
            assertThat(hub.count("select count(*) from payment p join invoice i on i.id = p.invoice_id "
                    + "where i.connection_id = ? and i.external_id = ? and p.deleted_at is null", qbo, id)).isEqualTo(1);
        }
    }

    String status(UUID connection, String externalId) {
        return (String) hub.query("select status from invoice where connection_id = ? and external_id = ?", connection, externalId)
                .get(0).get("status");
    }

    @Test
    @Order(2)
    void xeroInvoicesArriveByReferenceAndPaymentsByPolling() {
        UUID xero = hub.billingConnectionId(SourceSystem.XERO.id());
        var seed = books.xeroSeed();
        assertThat(status(xero, seed.paidInvoiceId().toString())).isEqualTo("paid");
        assertThat(status(xero, seed.partPaidInvoiceId().toString())).isEqualTo("partially_paid");
        assertThat(status(xero, seed.voidedInvoiceId().toString())).isEqualTo("void");
        assertThat(hub.count("select count(*) from invoice i join matter m on m.id = i.matter_id "
                + "where i.connection_id = ? and i.client_org_id = ?", xero, bluebird))
                .as("%s", hub.query("select i.reference, i.client_org_id, i.matter_number, i.matter_resolution, i.customer_name "
                        + "from invoice i where i.connection_id = ?", xero))
                .isGreaterThanOrEqualTo(4);
        assertThat(hub.count("select count(*) from invoice where connection_id = ? and client_org_id is not null "
                + "and client_org_id <> ?", xero, bluebird)).isZero();
        // The part-paid invoice's payment came from polling (Xero sends no payment events).
        assertThat(hub.count("select count(*) from payment p join invoice i on i.id = p.invoice_id where i.connection_id = ? "
                + "and i.external_id = ?", xero, seed.partPaidInvoiceId().toString())).isEqualTo(1);
        // A payment made in Xero shows up on the next poll, and so does the lower balance.
        String open = seed.openInvoiceId().toString();
        long before = portalBalance(xero, open);
        books.xero().data().createPayment(Map.of("Invoice", Map.of("InvoiceID", open),
                "Account", Map.of("Code", org.matterhub.simulators.xero.XeroSimulatorData.BANK_ACCOUNT_CODE),
                "Amount", "40.00", "Date", LocalDate.now().toString(), "Reference", "Bank transfer"));
        await().atMost(Duration.ofSeconds(30)).until(() -> portalBalance(xero, open) == before - 4000);
        assertThat(status(xero, open)).isEqualTo("partially_paid");
    }

    @Test
    @Order(3)
    void financeUsersSeeTheirOwnOrganisationsInvoicesWithPdfAndPayNow() throws Exception {
        String nwFinance = hub.token(userOf(northwind, "finance"));
        String bbFinance = hub.token(userOf(bluebird, "finance"));
        JsonNode nw = JSON.readTree(hub.get("/api/v1/invoices?limit=100", nwFinance).body());
        JsonNode bb = JSON.readTree(hub.get("/api/v1/invoices?limit=100", bbFinance).body());
        UUID qbo = hub.billingConnectionId(SourceSystem.QUICKBOOKS.id());
        UUID xero = hub.billingConnectionId(SourceSystem.XERO.id());
        assertThat(nw.path("items").size()).isEqualTo(hub.count(
                "select count(*) from invoice where client_org_id = ? and status not in ('draft', 'deleted')", northwind));
        assertThat(bb.path("items").size()).isEqualTo(hub.count(
                "select count(*) from invoice where client_org_id = ? and status not in ('draft', 'deleted')", bluebird));
        for (JsonNode i : nw.path("items")) {
            assertThat(hub.count("select count(*) from invoice where id = ?::uuid and connection_id = ? and client_org_id = ?",
                    i.path("id").asText(), qbo, northwind)).isEqualTo(1);
            assertThat(hub.get("/api/v1/invoices/" + i.path("id").asText(), bbFinance).statusCode()).isEqualTo(404);
        }

        // The PDF is the accounting system's, streamed.
        String openQbo = books.quickbooksSeed().overdueInvoiceIds().stream()
                .filter(id -> hub.count("select count(*) from invoice where connection_id = ? and external_id = ? "
                        + "and client_org_id = ?", qbo, id, northwind) == 1).findFirst().orElseThrow();
        UUID invoiceId = (UUID) hub.query("select id from invoice where connection_id = ? and external_id = ?", qbo, openQbo)
                .get(0).get("id");
        long audited = hub.count("select count(*) from audit_event where action = 'invoice.pdf_downloaded' and subject_id = ?",
                invoiceId.toString());
        HttpResponse<byte[]> pdf = http.send(HttpRequest.newBuilder(URI.create(hub.baseUrl() + "/api/v1/invoices/" + invoiceId + "/pdf"))
                .header("Authorization", "Bearer " + nwFinance).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/pdf"));
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(hub.count("select count(*) from audit_event where action = 'invoice.pdf_downloaded' and subject_id = ?",
                invoiceId.toString())).isEqualTo(audited + 1);
        assertThat(hub.bean(QuickBooksClients.class).client(hub.firmId(), qbo).invoicePdf(openQbo).body().readAllBytes())
                .isEqualTo(pdf.body());

        // Pay now: the hosted page's link, never card data.
        HttpResponse<String> pay = hub.call("POST", "/api/v1/invoices/" + invoiceId + "/pay", nwFinance, null, null);
        assertThat(pay.statusCode()).as(pay.body()).isEqualTo(200);
        String link = JSON.readTree(pay.body()).path("url").asText();
        assertThat(link).isNotBlank().isEqualTo(hub.bean(QuickBooksClients.class).client(hub.firmId(), qbo)
                .invoice(openQbo).invoiceLink());
        assertThat(JSON.readTree(pay.body()).path("provider").asText()).isEqualTo("quickbooks");

        UUID xeroOpen = (UUID) hub.query("select id from invoice where connection_id = ? and external_id = ?", xero,
                books.xeroSeed().openInvoiceId().toString()).get(0).get("id");
        HttpResponse<String> xeroPay = hub.call("POST", "/api/v1/invoices/" + xeroOpen + "/pay", bbFinance, null, null);
        assertThat(xeroPay.statusCode()).as(xeroPay.body()).isEqualTo(200);
        assertThat(JSON.readTree(xeroPay.body()).path("url").asText()).isNotBlank().isEqualTo(hub.bean(XeroClients.class)
                .client(hub.firmId(), xero).onlineInvoiceUrl(books.xeroSeed().openInvoiceId()));
        assertThat(hub.call("POST", "/api/v1/invoices/" + xeroOpen + "/pay", nwFinance, null, null).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void aPaymentStaffRecordReachesEachSystemExactlyOnceDespiteFaults() throws Exception {
        String partner = hub.token(PARTNER);
        UUID qbo = hub.billingConnectionId(SourceSystem.QUICKBOOKS.id());
        UUID xero = hub.billingConnectionId(SourceSystem.XERO.id());
        String qboInvoice = books.quickbooksSeed().overdueInvoiceIds().get(0);
        String xeroInvoice = books.xeroSeed().overdueInvoiceId().toString();
        long qboBefore = qboBalance(qboInvoice);
        int qboPaymentsBefore = realm.paymentsForInvoice(qboInvoice).size();
        int xeroPaymentsBefore = books.xero().data().paymentCount(books.xeroSeed().overdueInvoiceId());

        books.quickbooks().faults().add(FaultRule.builder(FaultKind.SERVER_ERROR).method("POST").pathRegex(".*/payment.*").times(2).status(503).build());
        books.quickbooks().faults().add(FaultRule.builder(FaultKind.LOST_RESPONSE).method("POST").pathRegex(".*/payment.*").times(1).build());
        books.xero().faults().add(FaultRule.builder(FaultKind.SERVER_ERROR).method("POST").pathRegex(".*/Payments.*").times(1).status(503).build());
        books.xero().faults().add(FaultRule.builder(FaultKind.LOST_RESPONSE).method("POST").pathRegex(".*/Payments.*").times(1).build());
        try {
            UUID qboPosting = record(partner, invoiceOf(qbo, qboInvoice), "25.50");
            UUID xeroPosting = record(partner, invoiceOf(xero, xeroInvoice), "75.25");
            await().atMost(Duration.ofSeconds(60)).until(() -> posted(qboPosting) && posted(xeroPosting));
            assertThat(realm.paymentsForInvoice(qboInvoice)).hasSize(qboPaymentsBefore + 1);
            assertThat(realm.paymentsForInvoice(qboInvoice).stream()
                    .filter(p -> p.path("PrivateNote").asText().contains(qboPosting.toString()))).hasSize(1);
            assertThat(books.xero().data().paymentCount(books.xeroSeed().overdueInvoiceId())).isEqualTo(xeroPaymentsBefore + 1);
            // The faults did fire: QuickBooks failed three attempts (503, 503, lost), Xero at least one, before the one
            // that counted — and each system still holds exactly one payment.
            assertThat(books.quickbooks().requests().stream().filter(r -> "POST".equals(r.method())
                    && r.path().endsWith("/payment")).count()).isGreaterThanOrEqualTo(4);
            assertThat(books.xero().requests().stream().filter(r -> "POST".equals(r.method())
                    && r.path().endsWith("/Payments")).count()).isGreaterThanOrEqualTo(2);
            // The balances come back through the sync, equal to the accounting systems'.
            assertThat(qboBalance(qboInvoice)).isEqualTo(qboBefore - 2550);
            await().atMost(Duration.ofSeconds(30)).until(() -> portalBalance(qbo, qboInvoice) == qboBalance(qboInvoice)
                    && portalBalance(xero, xeroInvoice) == minor(xeroInvoiceNode(xeroInvoice).path("AmountDue")));
            // One payment row per posting, whichever of the posting's answer and the sync saw it first.
            assertThat(hub.count("select count(*) from payment where posting_id in (?, ?)", qboPosting, xeroPosting)).isEqualTo(2);
        } finally {
            books.quickbooks().faults().clear();
            books.xero().faults().clear();
        }
    }

    JsonNode xeroInvoiceNode(String id) {
        return JSON.valueToTree(books.xero().data().invoice(UUID.fromString(id)));
    }

    UUID invoiceOf(UUID connection, String externalId) {
        return (UUID) hub.query("select id from invoice where connection_id = ? and external_id = ?", connection, externalId)
                .get(0).get("id");
    }

    boolean posted(UUID posting) {
        return hub.count("select count(*) from payment_posting where id = ? and status = 'posted'", posting) == 1;
    }

    UUID record(String token, UUID invoice, String amount) throws Exception {
        HttpResponse<String> r = hub.call("POST", "/api/v1/staff/invoices/" + invoice + "/payments", token,
                "{\"amount\":\"" + amount + "\",\"currency\":\"USD\",\"receivedOn\":\"" + LocalDate.now().minusDays(1)
                        + "\",\"method\":\"bank_transfer\",\"note\":\"Wire received\"}", "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return UUID.fromString(JSON.readTree(r.body()).path("id").asText());
    }

    @Test
    @Order(5)
    void webhooksAreVerifiedAndUnreadableOnesParked() throws Exception {
        long inbox = hub.count("select count(*) from inbox where vendor in ('quickbooks', 'xero')");
        byte[] body = ("[{\"specversion\":\"1.0\",\"id\":\"x\",\"type\":\"qbo.invoice.updated.v1\",\"intuitaccountid\":\""
                + books.quickbooksSeed().realmId() + "\",\"intuitentityid\":\"1\",\"time\":\"2026-11-20T10:00:00Z\"}]")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(post("/webhooks/quickbooks", body, "intuit-signature", null).statusCode()).isEqualTo(401);
        assertThat(post("/webhooks/quickbooks", body, "intuit-signature", QboWebhooks.sign("wrong-token", body)).statusCode())
                .isEqualTo(401);
        byte[] xeroBody = "{\"events\":[],\"firstEventSequence\":0,\"lastEventSequence\":0,\"entropy\":\"ABC\"}"
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> badXero = post("/webhooks/xero", xeroBody, "x-xero-signature", XeroWebhooks.sign(xeroBody, "nope"));
        assertThat(badXero.statusCode()).isEqualTo(401);
        assertThat(badXero.body()).isEmpty();
        assertThat(hub.count("select count(*) from inbox where vendor in ('quickbooks', 'xero')")).isEqualTo(inbox);
        // Xero's intent to receive passes: 200 with an empty body for a good signature, 401 for a bad one.
        assertThat(books.xero().webhooks().intentToReceive(URI.create(hub.baseUrl() + "/webhooks/xero")).passed()).isTrue();

        // A correctly signed QuickBooks delivery is accepted and stored once.
        HttpResponse<String> good = post("/webhooks/quickbooks", body, "intuit-signature",
                QboWebhooks.sign(DemoAccounting.QBO_WEBHOOK_TOKEN, body));
        assertThat(good.statusCode()).isEqualTo(200);
        assertThat(post("/webhooks/quickbooks", body, "intuit-signature", QboWebhooks.sign(DemoAccounting.QBO_WEBHOOK_TOKEN, body))
                .statusCode()).isEqualTo(200);
        assertThat(hub.count("select count(*) from inbox where vendor = 'quickbooks'")).isEqualTo(
                hub.count("select count(distinct event_id) from inbox where vendor = 'quickbooks'"));

        // Signed but unreadable: a dead letter with its payload, on the connection it names.
        byte[] broken = ("{\"eventNotifications\":[{\"realmId\":\"" + books.quickbooksSeed().realmId()
                + "\",\"dataChangeEvent\":{\"entities\":[{\"name\":42}]}}]").getBytes(StandardCharsets.UTF_8);
        long dead = hub.count("select count(*) from dead_letter where source = 'inbox'");
        assertThat(post("/webhooks/quickbooks", broken, "intuit-signature",
                QboWebhooks.sign(DemoAccounting.QBO_WEBHOOK_TOKEN, broken)).statusCode()).isEqualTo(200);
        assertThat(hub.count("select count(*) from dead_letter where source = 'inbox'")).isEqualTo(dead + 1);
        assertThat(hub.query("select payload from dead_letter where source = 'inbox' order by id desc limit 1").get(0)
                .get("payload")).isEqualTo(new String(broken, StandardCharsets.UTF_8));

        // A change in QuickBooks reaches the hub by webhook (the simulator delivers to the hub's endpoint, signed).
        int sentBefore = books.quickbooks().webhooks().sent().size();
        String invoice = books.quickbooksSeed().overdueInvoiceIds().get(1);
        ObjectNode p = JSON.createObjectNode();
        p.putObject("CustomerRef").put("value", realm.read("Invoice", invoice).path("CustomerRef").path("value").asText());
        p.put("TotalAmt", new BigDecimal("10.00"));
        p.putArray("Line").addObject().put("Amount", new BigDecimal("10.00")).putArray("LinkedTxn").addObject()
                .put("TxnId", invoice).put("TxnType", "Invoice");
        realm.create("Payment", p);
        UUID qbo = hub.billingConnectionId(SourceSystem.QUICKBOOKS.id());
        await().atMost(Duration.ofSeconds(30)).until(() -> books.quickbooks().webhooks().sent().size() > sentBefore
                && portalBalance(qbo, invoice) == qboBalance(invoice));
        assertThat(books.quickbooks().webhooks().sent().subList(sentBefore, books.quickbooks().webhooks().sent().size()))
                .allSatisfy(s -> assertThat(s.status()).isEqualTo(200));
    }

    HttpResponse<String> post(String path, byte[] body, String header, String signature) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hub.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            b.header(header, signature);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(6)
    void aVendorRecordWhoseAmountsTheCurrencyCannotHoldIsParkedAndTheRestApplied() {
        UUID qbo = hub.billingConnectionId(SourceSystem.QUICKBOOKS.id());
        BillingFeed feed = new BillingFeed();
        feed.invoices.add(new BillingFeed.Invoice("bad-1", "BAD-1", null, "Someone", null, Map.of(), null, null, Map.of(),
                null, "open", "USD", new BigDecimal("10.005"), null, new BigDecimal("10.005"), LocalDate.now(), null, "0",
                null, null, List.of()));
        feed.invoices.add(new BillingFeed.Invoice("bad-2", "BAD-2", null, "Someone", null, Map.of(), null, null, Map.of(),
                null, "open", "USD", new BigDecimal("99999999999999999999"), null, BigDecimal.ONE, LocalDate.now(), null, "0",
                null, null, List.of()));
        feed.invoices.add(new BillingFeed.Invoice("good-1", "GOOD-1", null, "Someone", null, Map.of(), null, null, Map.of(),
                null, "open", "USD", new BigDecimal("10.00"), null, new BigDecimal("10.00"), LocalDate.now(), null, "0",
                null, null, List.of()));
        long dead = hub.count("select count(*) from dead_letter where source = 'poll'");
        BillingApplier applier = hub.bean(BillingApplier.class);
        BillingApplier.Outcome o = hub.bean(Tenancy.class).write(TenantScope.system(hub.firmId()), () ->
                applier.apply(applier.context(qbo, SourceSystem.QUICKBOOKS.id(), BillingSettings.parse("{}"),
                        QuickBooksBillingMapper.DEFAULT_MATTER_RULE), feed));
        assertThat(o.invoices()).isEqualTo(1);
        assertThat(o.parked()).isEqualTo(2);
        assertThat(hub.count("select count(*) from dead_letter where source = 'poll'")).isEqualTo(dead + 2);
        assertThat((String) hub.query("select payload from dead_letter where source = 'poll' and error like '%bad-1%'").get(0)
                .get("payload")).contains("10.005");
        assertThat(hub.count("select count(*) from invoice where connection_id = ? and external_id in ('bad-1', 'bad-2')", qbo)).isZero();
        assertThat(hub.count("select count(*) from invoice where connection_id = ? and external_id = 'good-1'", qbo)).isEqualTo(1);
        hub.bean(Tenancy.class).writeVoid(TenantScope.system(hub.firmId()), () ->
                hub.jdbc().update("update invoice set status = 'deleted' where connection_id = ? and external_id = 'good-1'", qbo));
    }

    @Test
    @Order(7)
    void reconciliationReportsADifferenceAndLeavesTheBalanceAlone() throws Exception {
        UUID xero = hub.billingConnectionId(SourceSystem.XERO.id());
        BillingReconciliation reconciliation = hub.bean(BillingReconciliation.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> reconciliation.run(hub.firmId(), xero).mismatched() == 0);
        // The portal's copy drifts (say a restore of an old backup); the job reports it and changes nothing.
        String invoice = books.xeroSeed().partPaidInvoiceId().toString();
        hub.bean(Tenancy.class).writeVoid(TenantScope.system(hub.firmId()), () -> hub.jdbc().update(
                "update invoice set balance_minor = balance_minor + 100 where connection_id = ? and external_id = ?", xero, invoice));
        long drifted = portalBalance(xero, invoice);
        BillingReconciliation.Result r = reconciliation.run(hub.firmId(), xero);
        assertThat(r.mismatched()).isEqualTo(1);
        assertThat(portalBalance(xero, invoice)).isEqualTo(drifted);
        JsonNode report = JSON.readTree(hub.get("/ops/v1/billing/reconciliation", hub.token(OPS)).body());
        assertThat(report.toString()).contains(invoice);
        hub.bean(Tenancy.class).writeVoid(TenantScope.system(hub.firmId()), () -> hub.jdbc().update(
                "update invoice set balance_minor = balance_minor - 100 where connection_id = ? and external_id = ?", xero, invoice));
    }

    @Test
    @Order(8)
    void opsRestartABackfillWhichChangesNothingTwice() throws Exception {
        UUID qbo = hub.billingConnectionId(SourceSystem.QUICKBOOKS.id());
        long invoices = hub.count("select count(*) from invoice where connection_id = ?", qbo);
        long payments = hub.count("select count(*) from payment where connection_id = ?", qbo);
        long queries = books.quickbooks().requests().stream().filter(r -> r.path().endsWith("/query")).count();
        HttpResponse<String> r = hub.call("POST", "/ops/v1/connections/" + qbo + "/backfill", hub.token(OPS), null, null);
        assertThat(r.statusCode()).as(r.body()).isLessThan(300);
        await().atMost(Duration.ofSeconds(30)).until(() -> books.quickbooks().requests().stream()
                .filter(q -> q.path().endsWith("/query")).count() >= queries + 3
                && hub.bean(org.matterhub.routes.billing.BillingSyncService.class)
                        .backfillComplete(SourceSystem.QUICKBOOKS.id(), hub.firmId(), qbo));
        assertThat(hub.count("select count(*) from invoice where connection_id = ?", qbo)).isEqualTo(invoices);
        assertThat(hub.count("select count(*) from payment where connection_id = ?", qbo)).isEqualTo(payments);
    }

    @Test
    @Order(9)
    void aSpentXeroDayParksTheOrganisationInsteadOfSpinning() throws Exception {
        UUID xero = hub.billingConnectionId(SourceSystem.XERO.id());
        books.xero().setRateLimits(1000, 1, 5, 10_000);
        org.matterhub.routes.billing.BillingSyncService sync = hub.bean(org.matterhub.routes.billing.BillingSyncService.class);
        // The next call meets the spent day: Xero answers 429 with the day's Retry-After and the organisation parks.
        await().atMost(Duration.ofSeconds(30)).until(() -> !sync.poll(SourceSystem.XERO.id(), hub.firmId(), xero)
                && hub.count("select count(*) from connection where id = ? and rate_limit_reset_at > now() + interval '1 hour'",
                xero) == 1);
        long sent = books.xero().requests().size();
        for (int i = 0; i < 5; i++) {
            assertThat(sync.poll(SourceSystem.XERO.id(), hub.firmId(), xero)).isFalse();
        }
        // A payment recorded meanwhile waits for the window too: nothing is sent, nothing is dead-lettered.
        UUID posting = record(hub.token(PARTNER), invoiceOf(xero, books.xeroSeed().openInvoiceId().toString()), "5.00");
        await().atMost(Duration.ofSeconds(30)).until(() -> hub.count("select count(*) from outbox where status = 'pending' "
                + "and attempts > 0 and next_attempt_at > now() + interval '1 hour' and payload->>'postingId' = ?",
                posting.toString()) == 1);
        assertThat(books.xero().requests()).hasSize((int) sent);
        assertThat(hub.count("select count(*) from dead_letter where source = 'outbox'")).isZero();
        assertThat(hub.count("select count(*) from payment_posting where id = ? and status = 'pending'", posting)).isEqualTo(1);
    }
}
