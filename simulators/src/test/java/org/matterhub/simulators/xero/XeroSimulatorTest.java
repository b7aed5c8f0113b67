package org.matterhub.simulators.xero;

import com.google.api.client.auth.oauth2.AuthorizationCodeTokenRequest;
import com.google.api.client.auth.oauth2.RefreshTokenRequest;
import com.google.api.client.auth.oauth2.TokenResponse;
import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.http.BasicAuthentication;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.xero.api.ApiClient;
import com.xero.api.XeroBadRequestException;
import com.xero.api.XeroForbiddenException;
import com.xero.api.client.AccountingApi;
import com.xero.api.client.IdentityApi;
import com.xero.models.accounting.Account;
import com.xero.models.accounting.Contact;
import com.xero.models.accounting.Contacts;
import com.xero.models.accounting.CreditNote;
import com.xero.models.accounting.CreditNotes;
import com.xero.models.accounting.CurrencyCode;
import com.xero.models.accounting.Invoice;
import com.xero.models.accounting.Invoices;
import com.xero.models.accounting.LineAmountTypes;
import com.xero.models.accounting.LineItem;
import com.xero.models.accounting.Payment;
import com.xero.models.accounting.Payments;
import com.xero.models.identity.Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.TestInstance;
import org.matterhub.simulators.common.FaultKind;
import org.matterhub.simulators.common.FaultRule;
import org.threeten.bp.LocalDate;
import org.threeten.bp.OffsetDateTime;
import org.threeten.bp.ZoneOffset;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The official xero-java SDK (4.29.1), unchanged, against the simulator over real HTTP: OAuth 2.0 code and
 * rotating refresh tokens, tenant discovery, contacts, invoices, payments (with and without
 * {@code Idempotency-Key}, including a lost response), credit notes, {@code If-Modified-Since}, paging,
 * {@code where} and the online invoice URL. Assertions are on what the simulator holds, not only on answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XeroSimulatorTest {

    private static final String CLIENT_ID = "matterhub";
    private static final String SECRET = "s3cret";
    private static final String REDIRECT = "http://127.0.0.1:1/callback";

    private XeroSimulator sim;
    private final List<XeroSimulator.Answered> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private XeroDemoSeed seed;
    private AccountingApi accounting;
    private IdentityApi identity;
    private String token;
    private String tenant;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    void start() throws Exception {
        sim = XeroSimulator.start(XeroSimulatorOptions.defaults().withLimits(0, 0, 0, 0).withPageSize(2));
        sim.registerApp(CLIENT_ID, SECRET);
        seed = sim.seedDemoOrganisation();
        accounting = new AccountingApi(new ApiClient(sim.accountingBasePath(), null, null, null, null));
        identity = new IdentityApi(new ApiClient(sim.baseUrl(), null, null, null, null));
        token = authorizationCodeFlow().getAccessToken();
        tenant = identity.getConnections(token, null).get(0).getTenantId().toString();
        sim.onAnswer(answers::add);
    }

    @AfterAll
    void stop() {
        sim.close();
    }

    /** Every JSON answer the SDK got in the test, against Xero's documents (XeroSpec: allowances and evidence). */
    @org.junit.jupiter.api.AfterEach
    void everyAnswerMatchesXerosDocuments() {
        List<String> problems = answers.stream().flatMap(a -> XeroSpec.get().problems(a).stream()).toList();
        answers.clear();
        assertThat(problems).isEmpty();
    }

    private TokenResponse authorizationCodeFlow() throws Exception {
        String authorize = sim.baseUrl() + XeroSimulator.AUTHORIZE_PATH + "?response_type=code&client_id=" + CLIENT_ID
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
                + "&scope=" + URLEncoder.encode("openid offline_access accounting.transactions accounting.contacts",
                StandardCharsets.UTF_8) + "&state=xyz";
        HttpResponse<String> redirect = http.send(HttpRequest.newBuilder(URI.create(authorize)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(redirect.statusCode()).isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT).contains("state=xyz");
        String code = location.replaceAll(".*[?&]code=([^&]+).*", "$1");
        return new AuthorizationCodeTokenRequest(new NetHttpTransport(), GsonFactory.getDefaultInstance(),
                new GenericUrl(sim.baseUrl() + XeroSimulator.TOKEN_PATH), code)
                .setRedirectUri(REDIRECT)
                .setClientAuthentication(new BasicAuthentication(CLIENT_ID, SECRET))
                .execute();
    }

    private TokenResponse refresh(XeroSimulator s, String refreshToken) throws IOException {
        return new RefreshTokenRequest(new NetHttpTransport(), GsonFactory.getDefaultInstance(),
                new GenericUrl(s.baseUrl() + XeroSimulator.TOKEN_PATH), refreshToken)
                .setClientAuthentication(new BasicAuthentication(CLIENT_ID, SECRET))
                .execute();
    }

    // ------------------------------------------------------------------ OAuth and identity

    @Test
    void oauthIssuesRotatingRefreshTokensAndConnectionsNameTheTenant() throws Exception {
        TokenResponse first = authorizationCodeFlow();
        assertThat(first.getExpiresInSeconds()).isEqualTo(1800L);
        assertThat(first.getTokenType()).isEqualTo("Bearer");
        TokenResponse second = refresh(sim, first.getRefreshToken());
        assertThat(second.getRefreshToken()).isNotEqualTo(first.getRefreshToken());
        assertThat(second.getAccessToken()).isNotEqualTo(first.getAccessToken());
        // the rotated-out refresh token still works during the 30-minute grace period
        assertThat(refresh(sim, first.getRefreshToken()).getAccessToken()).isNotBlank();

        List<Connection> connections = identity.getConnections(second.getAccessToken(), null);
        assertThat(connections).hasSize(1);
        assertThat(connections.get(0).getTenantId()).isEqualTo(seed.tenantId());
        assertThat(connections.get(0).getTenantType()).isEqualTo("ORGANISATION");
        assertThat(connections.get(0).getCreatedDateUtc()).isNotNull();
    }

    @Test
    void aRotatedRefreshTokenDiesAfterTheGracePeriod() throws Exception {
        try (XeroSimulator noGrace = XeroSimulator.start(XeroSimulatorOptions.defaults().withRefreshGrace(Duration.ZERO))) {
            noGrace.registerApp(CLIENT_ID, SECRET);
            String form = "grant_type=authorization_code&code=%s&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(noGrace.baseUrl() + XeroSimulator.AUTHORIZE_PATH
                    + "?response_type=code&client_id=" + CLIENT_ID + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            String code = r.headers().firstValue("Location").orElseThrow().replaceAll(".*[?&]code=([^&]+).*", "$1");
            TokenResponse first = new AuthorizationCodeTokenRequest(new NetHttpTransport(), GsonFactory.getDefaultInstance(),
                    new GenericUrl(noGrace.baseUrl() + XeroSimulator.TOKEN_PATH), code).setRedirectUri(REDIRECT)
                    .setClientAuthentication(new BasicAuthentication(CLIENT_ID, SECRET)).execute();
            assertThat(form).contains("authorization_code");
            refresh(noGrace, first.getRefreshToken());
            assertThatThrownBy(() -> refresh(noGrace, first.getRefreshToken()))
                    .isInstanceOf(TokenResponseException.class)
                    .satisfies(e -> assertThat(((TokenResponseException) e).getDetails().getError()).isEqualTo("invalid_grant"));
        }
    }

    @Test
    void accountingCallsNeedTheTenantHeaderAndAValidToken() {
        assertThatThrownBy(() -> accounting.getContacts(token, UUID.randomUUID().toString(), null, null, null, null,
                null, null, null, null)).isInstanceOf(XeroForbiddenException.class);
        assertThatThrownBy(() -> accounting.getContacts("nope", tenant, null, null, null, null, null, null, null, null))
                .isInstanceOf(com.xero.api.XeroUnauthorizedException.class);
    }

    // ------------------------------------------------------------------ contacts

    @Test
    void createsReadsUpdatesAndPagesContacts() throws Exception {
        Contacts created = accounting.createContacts(token, tenant, new Contacts().addContactsItem(new Contact()
                .name("Harbour Lights Pty").contactNumber("CLIO-77").emailAddress("ap@harbour.example")), null, null);
        Contact c = created.getContacts().get(0);
        assertThat(c.getContactID()).isNotNull();
        assertThat(c.getContactStatus()).isEqualTo(Contact.ContactStatusEnum.ACTIVE);
        assertThat(c.getUpdatedDateUTCAsDate()).isNotNull();

        Contact read = accounting.getContact(token, tenant, c.getContactID()).getContacts().get(0);
        assertThat(read.getName()).isEqualTo("Harbour Lights Pty");
        assertThat(read.getContactNumber()).isEqualTo("CLIO-77");

        accounting.updateOrCreateContacts(token, tenant, new Contacts().addContactsItem(new Contact()
                .contactID(c.getContactID()).emailAddress("billing@harbour.example")), null, null);
        assertThat(sim.data().contact(c.getContactID()).get("EmailAddress")).isEqualTo("billing@harbour.example");

        assertThatThrownBy(() -> accounting.createContacts(token, tenant, new Contacts().addContactsItem(new Contact()
                .name("Harbour Lights Pty")), null, null)).isInstanceOf(XeroBadRequestException.class);

        List<Contact> page1 = accounting.getContacts(token, tenant, null, null, null, null, 1, null, null, null).getContacts();
        List<Contact> page2 = accounting.getContacts(token, tenant, null, null, null, null, 2, null, null, null).getContacts();
        assertThat(page1).hasSize(2);
        assertThat(page2).isNotEmpty();
        assertThat(page2).extracting(Contact::getContactID).doesNotContainAnyElementsOf(
                page1.stream().map(Contact::getContactID).toList());
    }

    // ------------------------------------------------------------------ invoices

    private Invoice newInvoice(String reference, double amount) throws IOException {
        Invoice inv = new Invoice().type(Invoice.TypeEnum.ACCREC)
                .contact(new Contact().contactID(seed.contactIds().get(0)))
                .reference(reference)
                .currencyCode(CurrencyCode.USD)
                .status(Invoice.StatusEnum.AUTHORISED)
                .lineAmountTypes(LineAmountTypes.NOTAX)
                .addLineItemsItem(new LineItem().description("Advice").quantity(2.0).unitAmount(amount / 2).accountCode("200"));
        inv.setDate(LocalDate.of(2026, 5, 1));
        inv.setDueDate(LocalDate.of(2026, 5, 31));
        return accounting.createInvoices(token, tenant, new Invoices().addInvoicesItem(inv), null, null, null)
                .getInvoices().get(0);
    }

    private Payment pay(UUID invoice, double amount, String idempotencyKey) throws IOException {
        Payment p = new Payment().invoice(new Invoice().invoiceID(invoice)).account(new Account().code("090"))
                .amount(amount).reference("Portal payment");
        p.setDate(LocalDate.of(2026, 5, 10));
        Payments out = accounting.createPayment(token, tenant, p, idempotencyKey);
        return out.getPayments().get(0);
    }

    @Test
    void createsAnInvoiceWithDecimalAmountsAndReadsItBack() throws Exception {
        Invoice inv = newInvoice("00010-Northwind", 1234.50);
        assertThat(inv.getInvoiceNumber()).startsWith("INV-");
        assertThat(inv.getStatus()).isEqualTo(Invoice.StatusEnum.AUTHORISED);
        assertThat(inv.getTotal()).isEqualTo(1234.50);
        assertThat(inv.getAmountDue()).isEqualTo(1234.50);
        assertThat(inv.getAmountPaid()).isEqualTo(0.0);
        assertThat(inv.getCurrencyCode()).isEqualTo(CurrencyCode.USD);
        assertThat(inv.getDateAsDate()).isEqualTo(LocalDate.of(2026, 5, 1));
        assertThat(inv.getDueDateAsDate()).isEqualTo(LocalDate.of(2026, 5, 31));

        Invoice read = accounting.getInvoice(token, tenant, inv.getInvoiceID(), null).getInvoices().get(0);
        assertThat(read.getReference()).isEqualTo("00010-Northwind");
        assertThat(read.getContact().getContactID()).isEqualTo(seed.contactIds().get(0));
        assertThat(read.getLineItems()).hasSize(1);
        assertThat(read.getUpdatedDateUTCAsDate()).isNotNull();
    }

    @Test
    void demoSeedHasPaidPartPaidOverdueAndVoidedInvoices() throws Exception {
        Invoice paid = accounting.getInvoice(token, tenant, seed.paidInvoiceId(), null).getInvoices().get(0);
        Invoice part = accounting.getInvoice(token, tenant, seed.partPaidInvoiceId(), null).getInvoices().get(0);
        Invoice overdue = accounting.getInvoice(token, tenant, seed.overdueInvoiceId(), null).getInvoices().get(0);
        Invoice voided = accounting.getInvoice(token, tenant, seed.voidedInvoiceId(), null).getInvoices().get(0);
        assertThat(paid.getStatus()).isEqualTo(Invoice.StatusEnum.PAID);
        assertThat(paid.getAmountDue()).isEqualTo(0.0);
        assertThat(paid.getFullyPaidOnDateAsDate()).isEqualTo(LocalDate.of(2026, 1, 20));
        assertThat(part.getStatus()).isEqualTo(Invoice.StatusEnum.AUTHORISED);
        assertThat(part.getAmountPaid()).isEqualTo(1000.0);
        assertThat(part.getAmountDue()).isEqualTo(1400.0);
        assertThat(overdue.getDueDateAsDate()).isLessThan(LocalDate.now(ZoneOffset.UTC));
        assertThat(overdue.getAmountDue()).isEqualTo(875.50);
        assertThat(voided.getStatus()).isEqualTo(Invoice.StatusEnum.VOIDED);
        assertThat(voided.getAmountDue()).isEqualTo(0.0);

        List<Invoice> byWhere = accounting.getInvoices(token, tenant, null, "Status==\"VOIDED\" AND Type==\"ACCREC\"",
                null, null, null, null, null, null, null, null, null, null).getInvoices();
        assertThat(byWhere).extracting(Invoice::getInvoiceID).containsExactly(seed.voidedInvoiceId());
    }

    @Test
    void paymentUpdatesTheInvoiceAndFullPaymentMarksItPaid() throws Exception {
        Invoice inv = newInvoice("00011-Bluebird", 500.00);
        Payment first = pay(inv.getInvoiceID(), 200.25, null);
        assertThat(first.getPaymentID()).isNotNull();
        assertThat(first.getAmount()).isEqualTo(200.25);
        assertThat(first.getStatus()).isEqualTo(Payment.StatusEnum.AUTHORISED);
        Invoice after = accounting.getInvoice(token, tenant, inv.getInvoiceID(), null).getInvoices().get(0);
        assertThat(after.getAmountPaid()).isEqualTo(200.25);
        assertThat(after.getAmountDue()).isEqualTo(299.75);
        assertThat(after.getStatus()).isEqualTo(Invoice.StatusEnum.AUTHORISED);

        assertThatThrownBy(() -> pay(inv.getInvoiceID(), 300.00, null)).isInstanceOf(XeroBadRequestException.class)
                .satisfies(e -> assertThat(((XeroBadRequestException) e).getElements().get(0).getValidationErrors().get(0)
                        .getMessage()).contains("exceeds the amount outstanding"));

        pay(inv.getInvoiceID(), 299.75, null);
        Invoice paid = accounting.getInvoice(token, tenant, inv.getInvoiceID(), null).getInvoices().get(0);
        assertThat(paid.getStatus()).isEqualTo(Invoice.StatusEnum.PAID);
        assertThat(paid.getAmountDue()).isEqualTo(0.0);
        assertThat(paid.getPayments()).hasSize(2);
        assertThat(sim.data().paymentCount(inv.getInvoiceID())).isEqualTo(2);
    }

    @Test
    void aReplayedIdempotencyKeyReturnsTheFirstPaymentAndCreatesNothing() throws Exception {
        Invoice inv = newInvoice("00012-CedarPine", 900.00);
        String key = "portal-payment-" + UUID.randomUUID();
        Payment first = pay(inv.getInvoiceID(), 300.00, key);
        Payment replay = pay(inv.getInvoiceID(), 300.00, key);
        assertThat(replay.getPaymentID()).isEqualTo(first.getPaymentID());
        assertThat(sim.data().paymentCount(inv.getInvoiceID())).isEqualTo(1);
        assertThat(sim.data().invoice(inv.getInvoiceID()).get("AmountDue").toString()).isEqualTo("600.00");
        // a different key is a different payment
        pay(inv.getInvoiceID(), 300.00, key + "-2");
        assertThat(sim.data().paymentCount(inv.getInvoiceID())).isEqualTo(2);
    }

    @Test
    void aLostResponseRetriedWithTheSameKeyLeavesExactlyOnePayment() throws Exception {
        Invoice inv = newInvoice("00013-Northwind", 400.00);
        String key = "portal-payment-" + UUID.randomUUID();
        sim.faults().add(FaultRule.of(FaultKind.LOST_RESPONSE, "POST", "/Payments$", 1));
        assertThatThrownBy(() -> pay(inv.getInvoiceID(), 400.00, key)).isInstanceOf(IOException.class);
        assertThat(sim.data().paymentCount(inv.getInvoiceID())).isEqualTo(1);   // applied, answer lost
        Payment retried = pay(inv.getInvoiceID(), 400.00, key);
        assertThat(retried.getAmount()).isEqualTo(400.00);
        assertThat(sim.data().paymentCount(inv.getInvoiceID())).isEqualTo(1);
        assertThat(sim.data().invoice(inv.getInvoiceID()).get("Status")).isEqualTo("PAID");
    }

    @Test
    void withoutAKeyTheSameLostResponseRetryPaysTwice() throws Exception {
        Invoice inv = newInvoice("00014-Bluebird", 400.00);
        sim.faults().add(FaultRule.of(FaultKind.LOST_RESPONSE, "POST", "/Payments$", 1));
        assertThatThrownBy(() -> pay(inv.getInvoiceID(), 100.00, null)).isInstanceOf(IOException.class);
        pay(inv.getInvoiceID(), 100.00, null);
        assertThat(sim.data().paymentCount(inv.getInvoiceID())).isEqualTo(2);
        assertThat(sim.data().invoice(inv.getInvoiceID()).get("AmountPaid").toString()).isEqualTo("200.00");
    }

    /**
     * The held request stays held for the simulator's five-minute hold; the retry with the same key is answered while it
     * is. Bounded by the test's timeout, far below the hold: a retry that queued behind the held request would fail it.
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aRequestHeldByATimeoutDoesNotBlockTheKeyedRetry() throws Exception {
        Invoice inv = newInvoice("00017-CedarPine", 250.00);
        String key = "portal-payment-" + UUID.randomUUID();
        sim.faults().add(FaultRule.of(FaultKind.TIMEOUT, "POST", "/Payments$", 1));
        String body = "{\"Invoice\":{\"InvoiceID\":\"" + inv.getInvoiceID() + "\"},\"Account\":{\"Code\":\"090\"},\"Amount\":250}";
        HttpRequest held = HttpRequest.newBuilder(URI.create(sim.accountingBasePath() + "/Payments"))
                .timeout(Duration.ofMillis(300)).header("Authorization", "Bearer " + token).header("xero-tenant-id", tenant)
                .header("Idempotency-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        assertThatThrownBy(() -> http.send(held, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(java.net.http.HttpTimeoutException.class);
        assertThat(sim.data().paymentCount(inv.getInvoiceID())).isZero();     // a timeout applies nothing
        assertThat(XeroSimulatorOptions.defaults().timeoutFaultHold()).isGreaterThan(Duration.ofMinutes(1));
        Payment retried = pay(inv.getInvoiceID(), 250.00, key);
        assertThat(retried.getAmount()).isEqualTo(250.00);
        assertThat(sim.data().paymentCount(inv.getInvoiceID())).isEqualTo(1);
    }

    @Test
    void keyedRetriesUnderRandomFaultsPostEveryPaymentExactlyOnce() throws Exception {
        Invoice inv = newInvoice("00018-Northwind", 4000.00);
        sim.faults().add(FaultRule.builder(FaultKind.SERVER_ERROR).method("POST").pathRegex("/Payments$")
                .probability(0.2).status(503).build());
        sim.faults().add(FaultRule.builder(FaultKind.LOST_RESPONSE).method("POST").pathRegex("/Payments$")
                .probability(0.2).build());
        int attempts = 0;
        try {
            for (int n = 0; n < 40; n++) {
                String key = "chaos-" + inv.getInvoiceID() + "-" + n;
                for (int attempt = 1; ; attempt++) {
                    attempts++;
                    try {
                        pay(inv.getInvoiceID(), 10.00, key);
                        break;
                    } catch (IOException | com.xero.api.XeroServerErrorException | com.xero.api.XeroNotAvailableException e) {
                        assertThat(attempt).isLessThan(50);
                    }
                }
            }
        } finally {
            sim.faults().clear();
        }
        assertThat(attempts).isGreaterThan(40);       // faults did fire
        assertThat(sim.data().paymentCount(inv.getInvoiceID())).isEqualTo(40);
        assertThat(sim.data().invoice(inv.getInvoiceID()).get("AmountPaid").toString()).isEqualTo("400.00");
    }

    @Test
    void listsHonourIfModifiedSinceAndPaging() throws Exception {
        Invoice older = newInvoice("00015-Northwind", 100.00);
        // the cursor a sync keeps: the last UpdatedDateUTC it saw, plus one millisecond
        OffsetDateTime since = older.getUpdatedDateUTCAsDate().plusNanos(1_000_000);
        Invoice newer = newInvoice("00016-Northwind", 100.00);
        pay(newer.getInvoiceID(), 10.00, null);

        List<Invoice> changed = accounting.getInvoices(token, tenant, since, null, null, null, null, null, null,
                null, null, null, null, null).getInvoices();
        assertThat(changed).extracting(Invoice::getInvoiceID).contains(newer.getInvoiceID())
                .doesNotContain(older.getInvoiceID(), seed.paidInvoiceId());
        List<Payment> payments = accounting.getPayments(token, tenant, since, null, null, null).getPayments();
        assertThat(payments).hasSize(1);
        assertThat(payments.get(0).getInvoice().getInvoiceID()).isEqualTo(newer.getInvoiceID());

        // paging: page size 2 in this simulator; walk until a short page
        int total = sim.data().invoicesRaw().size();
        int seen = 0;
        for (int page = 1; ; page++) {
            List<Invoice> rows = accounting.getInvoices(token, tenant, null, null, null, null, null, null, null,
                    page, null, null, null, null).getInvoices();
            seen += rows.size();
            if (rows.size() < 2) {
                break;
            }
        }
        assertThat(seen).isEqualTo(total);
    }

    @Test
    void onlineInvoiceUrlServesThePage() throws Exception {
        String url = accounting.getOnlineInvoice(token, tenant, seed.overdueInvoiceId()).getOnlineInvoices().get(0)
                .getOnlineInvoiceUrl();
        assertThat(url).contains("/in.xero.com/");
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains((String) sim.data().invoice(seed.overdueInvoiceId()).get("InvoiceNumber"));
    }

    @Test
    void createsAndListsCreditNotes() throws Exception {
        CreditNote cn = new CreditNote().type(CreditNote.TypeEnum.ACCRECCREDIT)
                .contact(new Contact().contactID(seed.contactIds().get(1)))
                .status(CreditNote.StatusEnum.AUTHORISED)
                .currencyCode(CurrencyCode.USD)
                .addLineItemsItem(new LineItem().description("Goodwill").quantity(1.0).unitAmount(50.0).accountCode("200"));
        CreditNote created = accounting.createCreditNotes(token, tenant, new CreditNotes().addCreditNotesItem(cn),
                null, null, null).getCreditNotes().get(0);
        assertThat(created.getCreditNoteID()).isNotNull();
        assertThat(created.getTotal()).isEqualTo(50.0);
        assertThat(created.getRemainingCredit()).isEqualTo(50.0);
        List<CreditNote> all = accounting.getCreditNotes(token, tenant, null, null, null, null, null).getCreditNotes();
        assertThat(all).extracting(CreditNote::getCreditNoteID).contains(created.getCreditNoteID());
    }

    @Test
    void controlApiCountsPaymentsPerInvoice() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/_control/invoices/"
                + seed.partPaidInvoiceId() + "/payments")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        Map<?, ?> body = (Map<?, ?>) org.matterhub.simulators.common.Json.parse(r.body());
        assertThat(body.get("payments")).isEqualTo(1);
    }
}
