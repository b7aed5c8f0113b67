package org.matterhub.config.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.matterhub.config.support.TestHub;
import org.matterhub.store.audit.AuditLog;
import org.matterhub.store.model.BillingRepository;
import org.matterhub.store.model.BillingRepository.Invoice;
import org.matterhub.store.model.BillingRepository.Line;
import org.matterhub.store.model.BillingRepository.Payment;
import org.matterhub.store.model.BillingRepository.ReconciliationLine;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;

/**
 * Billing on the portal, through the real API over HTTP against the whole hub: who sees which invoice (row-level
 * security from the outside), lines and payments, balances with ageing to the penny, the PDF and pay-now seams, and
 * payments staff record — accepted exactly once into the outbox, or refused with a reason and nothing stored.
 * Invoices are seeded as the accounting sync writes them (BillingRepository, system scope) on a QuickBooks connection.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvoicesApiIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String NW = "Northwind Holdings Ltd";
    static final String BB = "Bluebird Ventures LLC";
    static final String PARTNER = "schen@harbourlaw.example";
    static final String STAFF = "aosei@harbourlaw.example";
    static final String OPS = "ops@harbourlaw.example";
    /** A fee earner of the firm on the Bluebird matter only: walled off every Northwind matter. */
    static final String WALLED = "walled.off@harbourlaw.example";

    TestHub hub;
    LocalDate today;
    UUID connection;
    UUID nwOrg;
    UUID bbOrg;
    UUID mGranted;      // a Northwind matter Daniel holds with the invoices scope; the other member without it
    UUID mOther;        // a Northwind matter Daniel does not hold
    UUID bbMatter;

    String finance;     // Northwind finance
    String gc;          // Northwind org admin
    String member;      // Daniel, Northwind member
    String noInvoices;  // another Northwind member: mGranted without the invoices scope
    String bbFinance;   // Bluebird (finance, else org admin)
    String financeEmail;

    UUID a1, a2, a3, a4, a5, a6, a7, e1, d1, x1, b1;

    @BeforeAll
    void start() {
        // The demo's documents and billing stay out: this test seeds its own invoices, and counts them exactly.
        // The PDF and the pay-now link come from the accounting systems themselves; BillingSyncIT fetches them from the
        // QuickBooks and Xero simulators. This test covers the portal's own rules around them.
        hub = TestHub.start(Map.of("matterhub.demo.documents", "false", "matterhub.demo.billing", "false"));
        today = LocalDate.now(ZoneOffset.UTC);
        nwOrg = (UUID) hub.query("select id from client_org where name = ?", NW).get(0).get("id");
        bbOrg = (UUID) hub.query("select id from client_org where name = ?", BB).get(0).get("id");
        String daniel = "daniel.okafor@northwind.example";
        mGranted = (UUID) hub.query("select g.matter_id from matter_grant g join portal_user u on u.id = g.user_id "
                + "where u.email = ? and 'invoices' = any (g.scopes) and g.revoked_at is null order by g.matter_id limit 1",
                daniel).get(0).get("matter_id");
        mOther = (UUID) hub.query("select m.id from matter m where m.client_org_id = ? and m.deleted_at is null "
                + "and not exists (select 1 from matter_grant g join portal_user u on u.id = g.user_id "
                + "where g.matter_id = m.id and u.email = ?) order by m.id limit 1", nwOrg, daniel).get(0).get("id");
        bbMatter = (UUID) hub.query("select id from matter where client_org_id = ? and deleted_at is null order by id limit 1",
                bbOrg).get(0).get("id");
        String otherMember = email(NW, "member").stream().filter(e -> !e.equals(daniel)).findFirst().orElseThrow();
        system(() -> hub.jdbc().update("""
                insert into matter_grant (firm_id, user_id, matter_id, scopes)
                select ?, u.id, ?, array['documents', 'messages'] from portal_user u where u.email = ?
                on conflict (user_id, matter_id) do update set scopes = excluded.scopes, revoked_at = null
                """, hub.firmId(), mGranted, otherMember));
        financeEmail = email(NW, "finance").get(0);
        finance = hub.token(financeEmail);
        gc = hub.token(email(NW, "org_admin").get(0));
        member = hub.token(daniel);
        noInvoices = hub.token(otherMember);
        List<String> bbFin = email(BB, "finance");
        bbFinance = hub.token(bbFin.isEmpty() ? email(BB, "org_admin").get(0) : bbFin.get(0));

        // Staff see the invoices of the matters they are responsible for (V5, V15): Amara is on both Northwind matters
        // these tests record payments against; the walled-off fee earner only on the Bluebird matter.
        system(() -> hub.jdbc().update("update matter set responsible_attorney_email = ? where id in (?, ?)", STAFF, mGranted,
                mOther));
        system(() -> hub.jdbc().update("update matter set responsible_attorney_email = ? where id = ?", WALLED, bbMatter));
        system(() -> hub.jdbc().update("insert into portal_user (firm_id, email, display_name, kind, firm_role, status) "
                + "values (?, ?, 'Walled Off', 'firm', 'staff', 'active')", hub.firmId(), WALLED));
        connection = system(() -> hub.bean(ConnectionRepository.class).create("quickbooks", "QuickBooks (test)",
                "http://127.0.0.1:9/quickbooks"));
        a1 = invoice("A1", nwOrg, mGranted, "open", "GBP", 100_000, 100_000, today.plusDays(10), List.of(
                new Line(1, "Advice on share purchase", new BigDecimal("1.5000"), 60_000L, 90_000, 0L),
                new Line(2, "Disbursements", new BigDecimal("1"), 10_000L, 10_000, 0L)));
        a2 = invoice("A2", nwOrg, mGranted, "partially_paid", "GBP", 50_000, 20_000, today.minusDays(15), List.of());
        a3 = invoice("A3", nwOrg, mOther, "open", "GBP", 70_000, 70_000, today.minusDays(45), List.of());
        a4 = invoice("A4", nwOrg, mOther, "open", "GBP", 5_000, 5_000, today.minusDays(75), List.of());
        a5 = invoice("A5", nwOrg, null, "open", "GBP", 12_345, 12_345, today.minusDays(120), List.of());
        a6 = invoice("A6", nwOrg, mGranted, "paid", "GBP", 30_000, 0, today.minusDays(5), List.of());
        a7 = invoice("A7", nwOrg, mGranted, "void", "GBP", 40_000, 0, today.minusDays(200), List.of());
        e1 = invoice("E1", nwOrg, mGranted, "open", "USD", 25_000, 25_000, today.minusDays(1), List.of());
        d1 = invoice("D1", nwOrg, mGranted, "draft", "GBP", 99_999, 99_999, today.minusDays(100), List.of());
        x1 = invoice("X1", nwOrg, mGranted, "open", "GBP", 11_111, 11_111, today.minusDays(100), List.of());
        system(() -> hub.bean(BillingRepository.class).markInvoiceDeleted(connection, "X1", Instant.now()));
        b1 = invoice("B1", bbOrg, bbMatter, "open", "GBP", 80_000, 80_000, today.minusDays(3), List.of());
        payment("P1", "A2", 30_000, "GBP", today.minusDays(20), false);
        payment("P2", "A2", 1_000, "GBP", today.minusDays(10), true);
        payment("PB", "B1", 500, "GBP", today.minusDays(2), false);
    }

    @AfterAll
    void stop() {
        hub.close();
    }

    // ------------------------------------------------------------------ who sees what

    @Test
    void aFinanceUserSeesEveryInvoiceOfTheirOrgAndNoneOfAnother() throws Exception {
        assertThat(listed("/api/v1/invoices", finance, 3)).isEqualTo(Set.of(a1, a2, a3, a4, a5, a6, a7, e1));
        assertThat(listed("/api/v1/invoices", gc, 50)).isEqualTo(Set.of(a1, a2, a3, a4, a5, a6, a7, e1));
        assertThat(listed("/api/v1/invoices", bbFinance, 50)).isEqualTo(Set.of(b1));
        // Another org's invoice answers exactly like an id that never existed, on every path.
        UUID random = UUID.randomUUID();
        for (String suffix : List.of("", "/pdf")) {
            HttpResponse<String> other = hub.get("/api/v1/invoices/" + b1 + suffix, finance);
            HttpResponse<String> none = hub.get("/api/v1/invoices/" + random + suffix, finance);
            assertSameNotFound(other, none, b1, random);
        }
        assertSameNotFound(hub.call("POST", "/api/v1/invoices/" + b1 + "/pay", finance, null, null),
                hub.call("POST", "/api/v1/invoices/" + random + "/pay", finance, null, null), b1, random);
        assertThat(hub.get("/api/v1/invoices/not-a-uuid", finance).statusCode()).isEqualTo(404);
        assertThat(hub.get("/api/v1/invoices/" + a1, bbFinance).statusCode()).isEqualTo(404);
    }

    @Test
    void aMemberSeesOnlyInvoicesOfMattersGrantedWithTheInvoicesScope() throws Exception {
        assertThat(listed("/api/v1/invoices", member, 2)).isEqualTo(Set.of(a1, a2, a6, a7, e1));
        for (UUID id : List.of(a3, a4, a5)) {
            assertThat(hub.get("/api/v1/invoices/" + id, member).statusCode()).as("invoice %s", id).isEqualTo(404);
        }
        assertThat(listed("/api/v1/invoices", noInvoices, 50)).isEmpty();
        assertThat(hub.get("/api/v1/invoices/" + a1, noInvoices).statusCode()).isEqualTo(404);
        assertThat(items(hub.get("/api/v1/payments", noInvoices))).isEmpty();
        JsonNode balances = body(hub.get("/api/v1/balances", noInvoices));
        assertThat(balances.get("organisations")).isEmpty();
        assertThat(balances.get("matters")).isEmpty();
    }

    @Test
    void draftsAndDeletedInvoicesAreInvisibleToEveryone() throws Exception {
        for (String token : List.of(finance, gc, member)) {
            for (UUID id : List.of(d1, x1)) {
                assertThat(hub.get("/api/v1/invoices/" + id, token).statusCode()).isEqualTo(404);
                assertThat(hub.get("/api/v1/invoices/" + id + "/pdf", token).statusCode()).isEqualTo(404);
            }
            assertThat(listed("/api/v1/invoices?matterId=" + mGranted, token, 50)).doesNotContain(d1, x1);
        }
        // Not even to firm people on the portal's own view; the firm's list has them.
        String partner = hub.token(PARTNER);
        assertThat(hub.get("/api/v1/invoices/" + d1, partner).statusCode()).isEqualTo(404);
        assertThat(listed("/api/v1/staff/invoices?status=draft", partner, 50)).containsExactly(d1);
        assertThat(listed("/api/v1/staff/invoices?status=deleted", partner, 50)).containsExactly(x1);
        // The matter's merged view keeps its invoices section, with the same rule and the overdue flag.
        JsonNode matter = body(hub.get("/api/v1/matters/" + mGranted, gc));
        Map<UUID, JsonNode> section = new LinkedHashMap<>();
        matter.get("invoices").forEach(i -> section.put(UUID.fromString(i.get("id").asText()), i));
        assertThat(section.keySet()).containsExactlyInAnyOrder(a1, a2, a6, a7, e1);
        assertThat(section.get(a2).get("overdue").asBoolean()).isTrue();
        assertThat(section.get(a1).get("overdue").asBoolean()).isFalse();
        assertThat(section.get(a6).get("overdue").asBoolean()).isFalse();
    }

    // ------------------------------------------------------------------ what it says

    @Test
    void theDetailHasLinesAndLivePaymentsAndIsAudited() throws Exception {
        long before = audited("invoice.viewed", a1);
        JsonNode a1View = body(hub.get("/api/v1/invoices/" + a1, finance));
        assertThat(a1View.get("number").asText()).isEqualTo("INV-A1");
        assertThat(a1View.get("totalMinor").asLong()).isEqualTo(100_000);
        assertThat(a1View.get("payable").asBoolean()).isTrue();
        assertThat(a1View.get("overdue").asBoolean()).isFalse();
        assertThat(a1View.get("matterId").asText()).isEqualTo(mGranted.toString());
        assertThat(a1View.get("lines")).hasSize(2);
        assertThat(a1View.get("lines").get(0).get("description").asText()).isEqualTo("Advice on share purchase");
        assertThat(a1View.get("lines").get(0).get("quantity").asText()).isEqualTo("1.5");
        assertThat(a1View.get("lines").get(0).get("amountMinor").asLong()).isEqualTo(90_000);
        assertThat(a1View.get("lines").get(1).get("lineNumber").asInt()).isEqualTo(2);
        assertThat(audited("invoice.viewed", a1)).isEqualTo(before + 1);

        JsonNode a2View = body(hub.get("/api/v1/invoices/" + a2, member));
        assertThat(a2View.get("overdue").asBoolean()).isTrue();
        assertThat(a2View.get("daysOverdue").asLong()).isEqualTo(15);
        assertThat(a2View.get("payments")).hasSize(1);
        assertThat(a2View.get("payments").get(0).get("amountMinor").asLong()).isEqualTo(30_000);
        assertThat(a2View.get("payments").get(0).get("receivedOn").asText()).isEqualTo(today.minusDays(20).toString());

        // Payment history: the live payment only, and only the caller's org's.
        JsonNode history = body(hub.get("/api/v1/payments", finance));
        assertThat(history.get("items")).hasSize(1);
        assertThat(history.get("items").get(0).get("invoiceId").asText()).isEqualTo(a2.toString());
        assertThat(history.get("items").get(0).get("invoiceNumber").asText()).isEqualTo("INV-A2");
        assertThat(items(hub.get("/api/v1/payments", bbFinance))).hasSize(1);
        assertThat(items(hub.get("/api/v1/payments?invoiceId=" + b1, finance))).isEmpty();
        // A refused read is not a view.
        long refused = audited("invoice.viewed", b1);
        assertThat(hub.get("/api/v1/invoices/" + b1, finance).statusCode()).isEqualTo(404);
        assertThat(audited("invoice.viewed", b1)).isEqualTo(refused);
    }

    @Test
    void filtersNarrowTheList() throws Exception {
        assertThat(listed("/api/v1/invoices?overdue=true", finance, 50)).isEqualTo(Set.of(a2, a3, a4, a5, e1));
        assertThat(listed("/api/v1/invoices?overdue=false", finance, 50)).isEqualTo(Set.of(a1, a6, a7));
        assertThat(listed("/api/v1/invoices?status=paid", finance, 50)).isEqualTo(Set.of(a6));
        assertThat(listed("/api/v1/invoices?matterId=" + mOther, finance, 50)).isEqualTo(Set.of(a3, a4));
        assertThat(hub.offContract("a status clients never see", "GET", "/api/v1/invoices?status=draft", finance, null,
                null, Map.of()).statusCode()).isEqualTo(400);
        assertThat(hub.get("/api/v1/invoices?cursor=bogus", finance).statusCode()).isEqualTo(400);
        assertThat(hub.offContract("a limit below 1", "GET", "/api/v1/invoices?limit=0", finance, null, null, Map.of())
                .statusCode()).isEqualTo(400);
        String partner = hub.token(PARTNER);
        JsonNode unresolved = body(hub.get("/api/v1/staff/invoices?unresolved=true", partner));
        assertThat(unresolved.get("items")).hasSize(1);
        assertThat(unresolved.get("items").get(0).get("id").asText()).isEqualTo(a5.toString());
        assertThat(unresolved.get("items").get(0).get("matterResolution").asText()).isEqualTo("no_matter");
        assertThat(listed("/api/v1/staff/invoices", partner, 4)).containsAll(List.of(a1, a5, b1, d1, x1));
        assertThat(hub.get("/api/v1/staff/invoices", finance).statusCode()).isEqualTo(403);
    }

    @Test
    void balancesAndAgeingAreExactForTheSeededDueDates() throws Exception {
        JsonNode fin = body(hub.get("/api/v1/balances", finance));
        assertThat(fin.get("asOf").asText()).isEqualTo(today.toString());
        Map<String, JsonNode> orgs = byKey(fin.get("organisations"), "currency");
        assertThat(orgs.keySet()).containsExactlyInAnyOrder("GBP", "USD");
        JsonNode gbp = orgs.get("GBP");
        assertThat(gbp.get("clientOrgId").asText()).isEqualTo(nwOrg.toString());
        assertThat(gbp.get("clientOrgName").asText()).isEqualTo(NW);
        assertThat(gbp.get("balanceMinor").asLong()).isEqualTo(207_345);
        assertThat(gbp.get("openInvoices").asInt()).isEqualTo(5);
        assertThat(gbp.get("overdueInvoices").asInt()).isEqualTo(4);
        assertAgeing(gbp.get("ageing"), 100_000, 20_000, 70_000, 5_000, 12_345);
        assertAgeing(orgs.get("USD").get("ageing"), 0, 25_000, 0, 0, 0);

        Map<String, JsonNode> matters = new LinkedHashMap<>();
        fin.get("matters").forEach(m -> matters.put(m.get("matterId").asText() + "/" + m.get("currency").asText(), m));
        assertThat(matters.keySet()).containsExactlyInAnyOrder(mGranted + "/GBP", mGranted + "/USD", mOther + "/GBP");
        assertThat(matters.get(mGranted + "/GBP").get("balanceMinor").asLong()).isEqualTo(120_000);
        assertAgeing(matters.get(mGranted + "/GBP").get("ageing"), 100_000, 20_000, 0, 0, 0);
        assertThat(matters.get(mOther + "/GBP").get("balanceMinor").asLong()).isEqualTo(75_000);
        assertAgeing(matters.get(mOther + "/GBP").get("ageing"), 0, 0, 70_000, 5_000, 0);
        // A finance user cannot read the matter itself, but sees the number the invoice names.
        assertThat(matters.get(mOther + "/GBP").get("matterDisplayNumber").asText()).isEqualTo("M-" + mOther);

        JsonNode mem = body(hub.get("/api/v1/balances", member));
        Map<String, JsonNode> memOrgs = byKey(mem.get("organisations"), "currency");
        assertThat(memOrgs.get("GBP").get("balanceMinor").asLong()).isEqualTo(120_000);
        assertAgeing(memOrgs.get("GBP").get("ageing"), 100_000, 20_000, 0, 0, 0);
        assertThat(memOrgs.get("USD").get("balanceMinor").asLong()).isEqualTo(25_000);
        assertThat(mem.get("matters")).hasSize(2);

        JsonNode bb = body(hub.get("/api/v1/balances", bbFinance));
        assertThat(bb.get("organisations")).hasSize(1);
        assertThat(bb.get("organisations").get(0).get("balanceMinor").asLong()).isEqualTo(80_000);
        assertAgeing(bb.get("organisations").get(0).get("ageing"), 0, 80_000, 0, 0, 0);
    }

    // ------------------------------------------------------------------ PDF and pay now

    @Test
    void noPdfOrPaymentLinkIsFetchedForAnInvoiceTheCallerMayNotReadOrThatOwesNothing() throws Exception {
        assertThat(hub.get("/api/v1/invoices/" + a3 + "/pdf", member).statusCode()).isEqualTo(404);
        assertThat(audited("invoice.pdf_downloaded", a3)).isZero();
        for (UUID settled : List.of(a6, a7)) {
            HttpResponse<String> refused = hub.call("POST", "/api/v1/invoices/" + settled + "/pay", finance, null, null);
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(body(refused).get("reason").asText()).isEqualTo("invoice_not_payable");
            assertThat(audited("invoice.payment_link_issued", settled)).isZero();
        }
        assertThat(hub.call("POST", "/api/v1/invoices/" + a3 + "/pay", member, null, null).statusCode()).isEqualTo(404);
        assertThat(audited("invoice.payment_link_issued", a3)).isZero();
        assertThat(system(() -> hub.bean(AuditLog.class).verifyChain())).isTrue();
    }

    // ------------------------------------------------------------------ firm-recorded payments

    @Test
    void staffRecordAPaymentOnceIntoTheOutbox() throws Exception {
        String staffToken = hub.token(PARTNER);
        long outboxBefore = count("select count(*) from outbox where kind = 'payment.post'");
        HttpResponse<String> r = record(a3, staffToken, "123.45", "GBP", "cheque", "Cheque 0042");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode posting = body(r);
        UUID postingId = UUID.fromString(posting.get("id").asText());
        assertThat(posting.get("amountMinor").asLong()).isEqualTo(12_345);
        assertThat(posting.get("currency").asText()).isEqualTo("GBP");
        assertThat(posting.get("status").asText()).isEqualTo("pending");
        assertThat(posting.get("method").asText()).isEqualTo("cheque");

        List<Map<String, Object>> rows = hub.query("select * from payment_posting where invoice_id = ?", a3);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("id")).isEqualTo(postingId);
        assertThat(rows.get(0).get("amount_minor")).isEqualTo(12_345L);
        assertThat(rows.get(0).get("connection_id")).isEqualTo(connection);
        assertThat(rows.get(0).get("received_on").toString()).isEqualTo(today.toString());
        assertThat(rows.get(0).get("note")).isEqualTo("Cheque 0042");
        List<Map<String, Object>> outbox = hub.query("select * from outbox where kind = 'payment.post' and aggregate_id = ?",
                postingId);
        assertThat(outbox).hasSize(1);
        assertThat(outbox.get(0).get("aggregate_type")).isEqualTo("payment_posting");
        assertThat(outbox.get(0).get("connection_id")).isEqualTo(connection);
        assertThat(JSON.readTree(outbox.get(0).get("payload").toString()).get("postingId").asText())
                .isEqualTo(postingId.toString());
        assertThat(count("select count(*) from outbox where kind = 'payment.post'")).isEqualTo(outboxBefore + 1);
        assertThat(audited("invoice.payment_recorded", a3)).isEqualTo(1);
        // The balance is the accounting system's: recording a payment does not touch it.
        assertThat(hub.query("select balance_minor from invoice where id = ?", a3).get(0).get("balance_minor")).isEqualTo(70_000L);

        JsonNode listed = body(hub.get("/api/v1/staff/invoices/" + a3 + "/payments", hub.token(STAFF)));
        assertThat(listed.get("items")).hasSize(1);
        assertThat(listed.get("items").get(0).get("id").asText()).isEqualTo(postingId.toString());
        assertThat(hub.get("/api/v1/staff/invoices/" + a3 + "/payments", finance).statusCode()).isEqualTo(403);
    }

    /**
     * A fee earner walled off a matter (not responsible for it) neither lists its invoices, nor records a payment against
     * one (which would go to the accounting system), nor revokes a client's grant of it; the fee earner on it can.
     */
    @Test
    void aWalledOffFeeEarnerNeitherListsNorPaysNorRevokesOnAMatterNotTheirs() throws Exception {
        String walled = hub.token(WALLED);
        String assigned = hub.token(STAFF);
        assertThat(listed("/api/v1/staff/invoices", walled, 50)).isEqualTo(Set.of(b1));
        assertThat(listed("/api/v1/staff/invoices?matterId=" + mOther, walled, 50)).isEmpty();
        assertThat(listed("/api/v1/staff/invoices?unresolved=true", walled, 50)).isEmpty();
        assertThat(listed("/api/v1/staff/invoices?matterId=" + mOther, assigned, 50)).isEqualTo(Set.of(a3, a4));

        assertThat(hub.get("/api/v1/staff/invoices/" + a4 + "/payments", walled).statusCode()).isEqualTo(404);
        long postings = count("select count(*) from payment_posting where invoice_id = ?", a4);
        long outboxRows = count("select count(*) from outbox where kind = 'payment.post'");
        HttpResponse<String> refused = record(a4, walled, "10.00", "GBP", "cheque", "walled off");
        assertSameNotFound(refused, record(UUID.fromString("00000000-0000-0000-0000-0000000000a4"), walled, "10.00", "GBP",
                "cheque", "walled off"), a4, UUID.fromString("00000000-0000-0000-0000-0000000000a4"));
        assertThat(count("select count(*) from payment_posting where invoice_id = ?", a4)).isEqualTo(postings);
        assertThat(count("select count(*) from outbox where kind = 'payment.post'")).isEqualTo(outboxRows);

        String otherMember = email(NW, "member").stream().filter(e -> !e.equals("daniel.okafor@northwind.example"))
                .findFirst().orElseThrow();
        UUID grantee = (UUID) hub.query("select id from portal_user where email = ?", otherMember).get(0).get("id");
        system(() -> hub.jdbc().update("""
                insert into matter_grant (firm_id, user_id, matter_id, scopes) values (?, ?, ?, array['documents'])
                on conflict (user_id, matter_id) do update set scopes = excluded.scopes, revoked_at = null
                """, hub.firmId(), grantee, mOther));
        String grant = "/api/v1/staff/users/" + grantee + "/grants/" + mOther;
        assertThat(hub.call("DELETE", grant, walled, null, null).statusCode()).isEqualTo(404);
        assertThat(count("select count(*) from matter_grant where user_id = ? and matter_id = ? and revoked_at is null",
                grantee, mOther)).isEqualTo(1);
        assertThat(hub.call("DELETE", grant, assigned, null, null).statusCode()).isEqualTo(204);
        assertThat(count("select count(*) from matter_grant where user_id = ? and matter_id = ? and revoked_at is null",
                grantee, mOther)).isZero();
    }

    @Test
    void pendingPostingsCountAgainstTheBalance() throws Exception {
        String staffToken = hub.token(STAFF);
        assertThat(record(e1, staffToken, "200.00", "USD", "bank_transfer", null).statusCode()).isEqualTo(202);
        HttpResponse<String> over = record(e1, staffToken, "50.01", "usd", "bank_transfer", null);
        assertThat(over.statusCode()).isEqualTo(409);
        assertThat(body(over).get("reason").asText()).isEqualTo("exceeds_balance");
        assertThat(body(over).get("detail").asText()).contains("awaiting posting");
        assertThat(record(e1, staffToken, "50", "USD", "card", null).statusCode()).isEqualTo(202);
        assertThat(count("select count(*) from payment_posting where invoice_id = ?", e1)).isEqualTo(2);
        assertThat(count("select count(*) from outbox o join payment_posting p on p.id = o.aggregate_id "
                + "where o.kind = 'payment.post' and p.invoice_id = ?", e1)).isEqualTo(2);
    }

    @Test
    void everyBadPaymentIsRefusedWithAReasonAndStoresNothing() throws Exception {
        String staffToken = hub.token(PARTNER);
        List<Case> cases = List.of(
                new Case(a4, "-5.00", "GBP", 422, "negative"),
                new Case(a4, "0", "GBP", 422, "not_positive"),
                new Case(a4, "0.00", "GBP", 422, "not_positive"),
                new Case(a4, "1.234", "GBP", 422, "too_precise"),
                new Case(a4, "99999999999999999999", "GBP", 422, "overflow"),
                new Case(a4, "12,50", "GBP", 422, "malformed_amount"),
                new Case(a4, "1e3", "GBP", 422, "malformed_amount"),
                new Case(a4, "10.00", "XYZ", 422, "unknown_currency"),
                new Case(a4, "10.00", "USD", 422, "currency_mismatch"),
                new Case(a4, "50.01", "GBP", 409, "exceeds_balance"),
                new Case(a7, "1.00", "GBP", 409, "invoice_not_payable"),
                new Case(a6, "1.00", "GBP", 409, "invoice_not_payable"),
                new Case(d1, "1.00", "GBP", 409, "invoice_not_payable"),
                new Case(x1, "1.00", "GBP", 409, "invoice_not_payable"));
        long postings = count("select count(*) from payment_posting");
        long outbox = count("select count(*) from outbox where kind = 'payment.post'");
        long audits = count("select count(*) from audit_event where action = 'invoice.payment_recorded'");
        for (Case c : cases) {
            HttpResponse<String> r = record(c.invoice(), staffToken, c.amount(), c.currency(), "bank_transfer", null);
            assertThat(r.statusCode()).as("%s %s: %s", c.amount(), c.currency(), r.body()).isEqualTo(c.status());
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).contains("problem+json"));
            JsonNode problem = body(r);
            assertThat(problem.get("reason").asText()).as(r.body()).isEqualTo(c.reason());
            assertThat(problem.get("detail").asText()).isNotBlank();
        }
        HttpResponse<String> future = record(a4, staffToken, "1.00", "GBP", today.plusDays(5).toString(), "cheque", null);
        assertThat(future.statusCode()).isEqualTo(422);
        assertThat(body(future).get("reason").asText()).isEqualTo("received_in_future");
        HttpResponse<String> missing = hub.offContract("no amount", "POST", "/api/v1/staff/invoices/" + a4 + "/payments",
                staffToken, "{\"currency\":\"GBP\",\"receivedOn\":\"" + today + "\",\"method\":\"cheque\"}",
                "application/json", Map.of());
        assertThat(missing.statusCode()).isEqualTo(422);
        assertThat(body(missing).get("errors").has("amount")).isTrue();
        assertThat(hub.offContract("an unknown payment method", "POST", "/api/v1/staff/invoices/" + a4 + "/payments",
                staffToken, "{\"amount\":\"1.00\",\"currency\":\"GBP\",\"receivedOn\":\"" + today
                        + "\",\"method\":\"barter\"}", "application/json", Map.of()).statusCode()).isEqualTo(400);
        // Client and ops people may not record payments; an unknown invoice is 404.
        assertThat(record(a4, finance, "1.00", "GBP", "cheque", null).statusCode()).isEqualTo(403);
        assertThat(record(a4, gc, "1.00", "GBP", "cheque", null).statusCode()).isEqualTo(403);
        assertThat(record(a4, hub.token(OPS), "1.00", "GBP", "cheque", null).statusCode()).isEqualTo(403);
        assertThat(record(UUID.randomUUID(), staffToken, "1.00", "GBP", "cheque", null).statusCode()).isEqualTo(404);

        assertThat(count("select count(*) from payment_posting")).isEqualTo(postings);
        assertThat(count("select count(*) from outbox where kind = 'payment.post'")).isEqualTo(outbox);
        assertThat(count("select count(*) from audit_event where action = 'invoice.payment_recorded'")).isEqualTo(audits);
        // The whole balance is fine.
        assertThat(record(a4, staffToken, "50.00", "GBP", "cash", null).statusCode()).isEqualTo(202);
    }

    // ------------------------------------------------------------------ ops

    @Test
    void opsSeeTheLatestReconciliation() throws Exception {
        UUID run = UUID.randomUUID();
        system(() -> {
            BillingRepository billing = hub.bean(BillingRepository.class);
            billing.insertReconciliation(new ReconciliationLine(connection, run, nwOrg, null, "GBP", 207_345, 207_000, 5,
                    "[{\"externalId\":\"A3\",\"portalMinor\":70000,\"vendorMinor\":69655}]", false, null));
            billing.insertReconciliation(new ReconciliationLine(connection, run, bbOrg, null, "GBP", 80_000, 80_000, 1,
                    null, true, null));
            return null;
        });
        HttpResponse<String> r = hub.get("/ops/v1/billing/reconciliation", hub.token(OPS));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode lines = body(r);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("matches").asBoolean()).isFalse();
        assertThat(lines.get(0).get("differenceMinor").asLong()).isEqualTo(345);
        assertThat(lines.get(0).get("differingInvoices").get(0).get("externalId").asText()).isEqualTo("A3");
        assertThat(lines.get(1).get("matches").asBoolean()).isTrue();
        assertThat(hub.get("/ops/v1/billing/reconciliation", finance).statusCode()).isEqualTo(403);
        assertThat(hub.get("/ops/v1/billing/reconciliation", hub.token(STAFF)).statusCode()).isEqualTo(403);
    }

    // ------------------------------------------------------------------ helpers

    record Case(UUID invoice, String amount, String currency, int status, String reason) {
    }

    UUID invoice(String externalId, UUID org, UUID matter, String status, String currency, long total, long balance,
                 LocalDate dueOn, List<Line> lines) {
        return system(() -> hub.bean(BillingRepository.class).upsertInvoice(new Invoice(connection, externalId,
                "INV-" + externalId, "C-" + org, "Customer " + externalId, "Ref " + externalId, status, status,
                currency, total, 0, balance, dueOn.minusDays(30), dueOn, "0", Instant.now(), org, matter,
                matter == null ? "unmatched-" + externalId : "M-" + matter, matter == null ? "no_matter" : null, null,
                lines)));
    }

    void payment(String externalId, String invoiceExternalId, long amount, String currency, LocalDate on, boolean deleted) {
        boolean applied = system(() -> hub.bean(BillingRepository.class).upsertPayment(new Payment(connection, externalId,
                invoiceExternalId, amount, currency, on, "bank_transfer", "R-" + externalId, null, Instant.now(), deleted)));
        assertThat(applied).isTrue();
    }

    HttpResponse<String> record(UUID invoice, String token, String amount, String currency, String method, String note) {
        return record(invoice, token, amount, currency, today.toString(), method, note);
    }

    HttpResponse<String> record(UUID invoice, String token, String amount, String currency, String receivedOn,
                                String method, String note) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", amount);
        body.put("currency", currency);
        body.put("receivedOn", receivedOn);
        body.put("method", method);
        if (note != null) {
            body.put("note", note);
        }
        try {
            return hub.call("POST", "/api/v1/staff/invoices/" + invoice + "/payments", token,
                    JSON.writeValueAsString(body), "application/json");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every id of a cursor-paged list, following {@code nextCursor} with the given page size. */
    Set<UUID> listed(String path, String token, int pageSize) throws Exception {
        Set<UUID> ids = new HashSet<>();
        String cursor = null;
        for (int page = 0; page < 100; page++) {
            String sep = path.contains("?") ? "&" : "?";
            HttpResponse<String> r = hub.get(path + sep + "limit=" + pageSize
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), token);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.get("items").size()).isLessThanOrEqualTo(pageSize);
            body.get("items").forEach(i -> assertThat(ids.add(UUID.fromString(i.get("id").asText())))
                    .as("listed twice: %s", i).isTrue());
            if (!body.hasNonNull("nextCursor")) {
                return ids;
            }
            cursor = body.get("nextCursor").asText();
        }
        throw new AssertionError("paging did not end");
    }

    void assertSameNotFound(HttpResponse<String> other, HttpResponse<String> none, UUID otherId, UUID noneId)
            throws Exception {
        assertThat(other.statusCode()).isEqualTo(none.statusCode()).isEqualTo(404);
        assertThat(other.body().replace(otherId.toString(), "ID")).isEqualTo(none.body().replace(noneId.toString(), "ID"));
    }

    static void assertAgeing(JsonNode ageing, long current, long d30, long d60, long d90, long over90) {
        assertThat(List.of(ageing.get("currentMinor").asLong(), ageing.get("days1To30Minor").asLong(),
                ageing.get("days31To60Minor").asLong(), ageing.get("days61To90Minor").asLong(),
                ageing.get("over90Minor").asLong())).containsExactly(current, d30, d60, d90, over90);
    }

    static Map<String, JsonNode> byKey(JsonNode array, String field) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        array.forEach(n -> assertThat(out.put(n.get(field).asText(), n)).isNull());
        return out;
    }

    static JsonNode body(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    static JsonNode items(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("items");
    }

    long audited(String action, UUID subject) {
        return count("select count(*) from audit_event where action = ? and subject_id = ?", action, subject.toString());
    }

    long count(String sql, Object... args) {
        return hub.count(sql, args);
    }

    List<String> email(String org, String role) {
        List<String> out = new ArrayList<>();
        hub.query("select u.email from membership m join portal_user u on u.id = m.user_id join client_org o on o.id = m.client_org_id "
                + "where o.name = ? and m.role = ? and m.revoked_at is null order by u.email", org, role)
                .forEach(r -> out.add((String) r.get("email")));
        return out;
    }

    <T> T system(Supplier<T> work) {
        return hub.bean(Tenancy.class).write(TenantScope.system(hub.firmId()), work);
    }
}
