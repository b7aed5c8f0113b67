package org.matterhub.connectors.xero;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.matterhub.connectors.kernel.ContentDownload;
import org.matterhub.connectors.kernel.ErrorClass;
import org.matterhub.connectors.kernel.FakeTime;
import org.matterhub.connectors.kernel.OAuthTokenSet;
import org.matterhub.simulators.common.RecordedRequest;
import org.matterhub.simulators.xero.XeroSimulatorOptions;

/**
 * {@link XeroClient} and {@link XeroOAuthClient} against the Xero simulator over real HTTP, with Xero's published
 * limits in force. Simulator and client share a stepped clock, so waiting for a limit costs no wall time.
 * Assertions look at what the simulator received and holds.
 */
@Timeout(60)
class XeroClientTest {

    private FakeTime time;
    private XeroSimFixture xero;
    private RecordingXeroTokenStore store;
    private XeroClient client;
    private final XeroErrorClassifier classifier = new XeroErrorClassifier();

    @BeforeEach
    void start() throws Exception {
        time = XeroSimFixture.fakeTime();
        xero = new XeroSimFixture(XeroSimulatorOptions.defaults(), time);
        store = xero.store(xero.grant());
        client = xero.client(store);
    }

    @AfterEach
    void stop() {
        xero.close();
    }

    /**
     * Xero answers XML unless asked for JSON (the simulator does the same): every call of the connector, through the
     * SDK, sends {@code Accept: application/json}; lists that need line items are paged ({@code page}), as Xero leaves
     * line items out of unpaged lists; {@code /Organisation} names the tenant.
     */
    @Test
    void everyCallAsksForJsonListsArePagedAndTheOrganisationIsTheTenant() {
        XeroOrganisation org = client.organisation();
        assertThat(org.organisationId()).isEqualTo(xero.tenantId());
        assertThat(org.name()).isEqualTo("Matterhub Demo Law LLP");
        assertThat(org.status()).isEqualTo("ACTIVE");
        assertThat(org.baseCurrency()).isEqualTo("USD");
        client.connections();
        XeroPage<XeroInvoice> invoices = client.invoicesModifiedSince(null, 1);
        assertThat(invoices.items()).isNotEmpty().allSatisfy(i -> assertThat(i.lineItems()).isNotEmpty());
        client.contactsModifiedSince(null, 1);
        client.paymentsModifiedSince(null, 1);
        client.creditNotesModifiedSince(null, 1);
        assertThat(client.invoice(xero.seed.openInvoiceId()).lineItems()).isNotEmpty();
        client.onlineInvoiceUrl(xero.seed.openInvoiceId());
        List<RecordedRequest> calls = xero.sim.requests().stream()
                .filter(r -> r.path().startsWith("/api.xro/2.0") || r.path().equalsIgnoreCase("/connections")).toList();
        assertThat(calls).hasSize(8).allSatisfy(r ->
                assertThat(r.header("Accept")).as(r.method() + " " + r.path()).contains("application/json"));
        assertThat(calls.stream().filter(r -> r.path().matches("/api\\.xro/2\\.0/(Invoices|CreditNotes)")))
                .allSatisfy(r -> assertThat(r.query()).contains("page=1"));
    }

    // ---------------------------------------------------------------- OAuth and connections

    @Test
    void authorizeUrlCarriesStateAndScopesAndTheCodeFlowYieldsTokensForTheConnectedOrganisation() throws Exception {
        URI authorize = xero.oauth().authorizeUrl(XeroSimFixture.REDIRECT_URI, "st-42");
        assertThat(authorize.getPath()).isEqualTo("/identity/connect/authorize");
        assertThat(authorize.getRawQuery()).contains("response_type=code", "client_id=" + XeroSimFixture.CLIENT_ID,
                "state=st-42", "offline_access", "accounting.transactions");
        assertThat(xero.authorize("st-42")).contains("state=st-42").contains("code=");

        OAuthTokenSet tokens = xero.grant();
        assertThat(tokens.refreshToken()).isNotBlank();
        assertThat(tokens.expiresAt()).isEqualTo(time.now().plus(Duration.ofMinutes(30)));
        assertThat(tokens.toString()).doesNotContain(tokens.accessToken()).doesNotContain(tokens.refreshToken());

        List<XeroTenant> tenants = xero.client(xero.store(tokens)).connections();
        assertThat(tenants).singleElement().satisfies(t -> {
            assertThat(t.tenantId()).isEqualTo(xero.tenantId());
            assertThat(t.tenantType()).isEqualTo("ORGANISATION");
            assertThat(t.tenantName()).isEqualTo("Matterhub Demo Law LLP");
            assertThat(t.connectionId()).isNotNull();
            assertThat(t.createdDateUtc()).isNotNull();
        });
        RecordedRequest token = xero.sim.requests().stream().filter(r -> r.path().equals("/connect/token"))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(token.header("Authorization")).startsWith("Basic ");
        assertThat(token.body()).contains("grant_type=authorization_code").doesNotContain(XeroSimFixture.CLIENT_SECRET);
    }

    @Test
    void aSpentCodeOrARevokedGrantNeedsReauthorization() throws Exception {
        String query = xero.authorize("s");
        String code = query.replaceAll(".*(?:^|&)code=([^&]+).*", "$1");
        xero.oauth().exchangeCode(code, XeroSimFixture.REDIRECT_URI);
        assertThatThrownBy(() -> xero.oauth().exchangeCode(code, XeroSimFixture.REDIRECT_URI))
                .isInstanceOf(XeroReauthorizationRequiredException.class)
                .satisfies(e -> assertThat(((XeroReauthorizationRequiredException) e).errorType()).isEqualTo("invalid_grant"));

        xero.sim.revokeAllTokens();
        assertThatThrownBy(() -> client.invoicesModifiedSince(null, 1))
                .isInstanceOf(XeroReauthorizationRequiredException.class)
                .satisfies(e -> assertThat(classifier.classify(e)).isEqualTo(ErrorClass.REAUTHORIZATION_REQUIRED));
    }

    @Test
    void anExpiredAccessTokenIsRefreshedOnceAndTheRotatedPairIsSavedBeforeItIsUsed() {
        OAuthTokenSet original = store.load();
        xero.sim.expireAccessTokens();

        XeroPage<XeroInvoice> page = client.invoicesModifiedSince(null, 1);

        assertThat(page.items()).isNotEmpty();
        assertThat(store.saves()).singleElement().satisfies(save -> {
            assertThat(save.requestsAlreadySentWithIt()).isZero();
            assertThat(save.tokens().refreshToken()).isNotEqualTo(original.refreshToken());
            assertThat(save.tokens().accessToken()).isNotEqualTo(original.accessToken());
        });
        assertThat(xero.requestsWithToken(store.load().accessToken())).isEqualTo(1);
        assertThat(xero.count("GET", "/Invoices", 401)).isEqualTo(1);
        assertThat(xero.count("POST", "/connect/token", 200)).isEqualTo(2);   // the grant, then one refresh
    }

    @Test
    void tokensAboutToExpireAreRefreshedAheadWithoutA401() {
        OAuthTokenSet current = store.load();
        store.save(new OAuthTokenSet(current.accessToken(), current.refreshToken(), time.now().plusSeconds(30)));
        client = xero.client(store);

        client.contactsModifiedSince(null, 1);

        assertThat(store.saves()).hasSize(2);
        assertThat(store.saves().get(1).requestsAlreadySentWithIt()).isZero();
        assertThat(xero.sim.requests()).noneMatch(r -> r.status() == 401);
    }

    // ---------------------------------------------------------------- incremental sync

    @Test
    void invoicesPageByHundredAndAModifiedSinceCursorReturnsOnlyWhatChanged() {
        xero.sim.seedBulkInvoices(150);
        List<XeroInvoice> all = new ArrayList<>();
        XeroPage<XeroInvoice> page = client.invoicesModifiedSince(null, 1);
        assertThat(page.items()).hasSize(XeroClient.PAGE_SIZE);
        assertThat(page.hasMore()).isTrue();
        all.addAll(page.items());
        page = client.invoicesModifiedSince(null, page.nextPage());
        assertThat(page.hasMore()).isFalse();
        all.addAll(page.items());
        assertThat(all).hasSize(155).extracting(XeroInvoice::id).doesNotHaveDuplicates()
                .containsAll(xero.seed.invoiceIds());
        assertThat(all).extracting(XeroInvoice::updatedDateUtc).isSortedAccordingTo(Comparator.naturalOrder());

        Instant cursor = all.get(all.size() - 1).updatedDateUtc();
        time.advance(Duration.ofSeconds(5));
        xero.sim.data().touchInvoice(xero.seed.overdueInvoiceId());
        XeroPage<XeroInvoice> changed = client.invoicesModifiedSince(cursor, 1);

        assertThat(changed.hasMore()).isFalse();
        assertThat(changed.items()).extracting(XeroInvoice::id).contains(xero.seed.overdueInvoiceId())
                .hasSizeLessThanOrEqualTo(2);   // the touched invoice, and the one at exactly the cursor
        assertThat(changed.items()).allMatch(i -> !i.updatedDateUtc().isBefore(cursor));
        RecordedRequest last = xero.sim.requests().stream().filter(r -> r.path().endsWith("/Invoices"))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(last.header("If-Modified-Since")).isNotBlank();
        assertThat(last.header("xero-tenant-id")).isEqualTo(xero.tenantId().toString());
        assertThat(last.query()).contains("page=1").contains("ACCREC");
    }

    @Test
    void invoicesCarryAmountsAsDecimalsStatusesAndTombstones() {
        Map<UUID, XeroInvoice> byId = new LinkedHashMap<>();
        client.invoicesModifiedSince(null, 1).items().forEach(i -> byId.put(i.id(), i));

        XeroInvoice part = byId.get(xero.seed.partPaidInvoiceId());
        assertThat(part.status()).isEqualTo(XeroInvoice.Status.AUTHORISED);
        assertThat(part.reference()).isEqualTo("00003-Bluebird");
        assertThat(part.contactName()).isEqualTo("Bluebird Ventures LLC");
        assertThat(part.contactId()).isEqualTo(xero.seed.contactIds().get(1));
        assertThat(part.currencyCode()).isEqualTo("USD");
        assertThat(part.total()).isEqualTo(new BigDecimal("2400.00"));
        assertThat(part.amountPaid()).isEqualTo(new BigDecimal("1000.00"));
        assertThat(part.amountDue()).isEqualTo(new BigDecimal("1400.00"));
        assertThat(part.totalTax()).isEqualByComparingTo("0");
        assertThat(part.date()).isEqualTo(LocalDate.of(2026, 2, 2));
        assertThat(part.dueDate()).isEqualTo(LocalDate.of(2026, 3, 4));
        assertThat(part.number()).startsWith("INV-");
        assertThat(part.lineItems()).singleElement().satisfies(li -> {
            assertThat(li.description()).isEqualTo("Contract review");
            assertThat(li.lineAmount()).isEqualTo(new BigDecimal("2400.00"));
            assertThat(li.quantity()).isEqualByComparingTo("1");
        });
        assertThat(byId.get(xero.seed.paidInvoiceId()).status()).isEqualTo(XeroInvoice.Status.PAID);
        XeroInvoice voided = byId.get(xero.seed.voidedInvoiceId());
        assertThat(voided.status()).isEqualTo(XeroInvoice.Status.VOIDED);
        assertThat(voided.amountDue()).isEqualByComparingTo("0");

        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("Type", "ACCREC");
        draft.put("Contact", Map.of("ContactID", xero.seed.contactIds().get(0).toString()));
        draft.put("Reference", "00009-Northwind");
        draft.put("LineItems", List.of(Map.of("Description", "Research", "Quantity", 1.5, "UnitAmount", "200.10",
                "Tracking", List.of(Map.of("Name", "Matter", "Option", "00009-Northwind")))));
        UUID draftId = UUID.fromString((String) xero.sim.data().upsertInvoice(draft, true).get("InvoiceID"));
        xero.sim.data().upsertInvoice(Map.of("InvoiceID", draftId.toString(), "Status", "DELETED"), false);

        XeroInvoice deleted = client.invoice(draftId);
        assertThat(deleted.status()).isEqualTo(XeroInvoice.Status.DELETED);
        assertThat(deleted.lineItems()).singleElement().satisfies(li -> {
            assertThat(li.lineAmount()).isEqualTo(new BigDecimal("300.15"));
            assertThat(li.quantity()).isEqualByComparingTo("1.5");
            assertThat(li.tracking()).containsExactly(new XeroTracking("Matter", "00009-Northwind"));
        });
    }

    @Test
    void contactsPaymentsAndCreditNotesComeByModifiedSinceWithTheirTombstones() {
        List<XeroContact> contacts = client.contactsModifiedSince(null, 1).items();
        assertThat(contacts).extracting(XeroContact::contactNumber).containsExactly("CLIO-1", "CLIO-2", "CLIO-3");
        Instant cursor = contacts.get(2).updatedDateUtc();

        List<XeroPayment> payments = client.paymentsModifiedSince(null, 1).items();
        assertThat(payments).hasSize(2);
        assertThat(payments.get(0).invoiceId()).isEqualTo(xero.seed.paidInvoiceId());
        assertThat(payments.get(0).amount()).isEqualTo(new BigDecimal("1500.00"));
        assertThat(payments.get(0).currencyCode()).isEqualTo("USD");
        assertThat(payments.get(0).date()).isEqualTo(LocalDate.of(2026, 1, 20));
        assertThat(payments.get(0).reference()).isEqualTo("Wire NW-0001");
        assertThat(payments.get(0).status()).isEqualTo(XeroPayment.Status.AUTHORISED);
        assertThat(payments.get(1).amount()).isEqualTo(new BigDecimal("1000.00"));

        time.advance(Duration.ofSeconds(1));
        UUID archived = xero.seed.contactIds().get(2);
        xero.sim.data().upsertContact(Map.of("ContactID", archived.toString(), "ContactStatus", "ARCHIVED",
                "AccountNumber", "ACC-3"), false);
        assertThat(client.contactsModifiedSince(cursor, 1).items()).filteredOn(c -> c.id().equals(archived))
                .singleElement().satisfies(c -> {
                    assertThat(c.status()).isEqualTo(XeroContact.Status.ARCHIVED);
                    assertThat(c.accountNumber()).isEqualTo("ACC-3");
                    assertThat(c.name()).isEqualTo("Cedar & Pine Bakery Co");
                });

        for (String type : List.of("ACCRECCREDIT", "ACCPAYCREDIT")) {
            Map<String, Object> cn = new LinkedHashMap<>();
            cn.put("Type", type);
            cn.put("Contact", Map.of("ContactID", xero.seed.contactIds().get(1).toString()));
            cn.put("Status", "AUTHORISED");
            cn.put("Reference", "goodwill " + type);
            cn.put("LineItems", List.of(Map.of("Description", "Goodwill", "UnitAmount", "50.25")));
            xero.sim.data().createCreditNote(cn);
        }
        assertThat(client.creditNotesModifiedSince(null, 1).items()).singleElement().satisfies(cn -> {
            assertThat(cn.reference()).isEqualTo("goodwill ACCRECCREDIT");
            assertThat(cn.status()).isEqualTo(XeroCreditNote.Status.AUTHORISED);
            assertThat(cn.total()).isEqualTo(new BigDecimal("50.25"));
            assertThat(cn.remainingCredit()).isEqualTo(new BigDecimal("50.25"));
            assertThat(cn.contactId()).isEqualTo(xero.seed.contactIds().get(1));
            assertThat(cn.number()).startsWith("CN-");
        });
    }

    // ---------------------------------------------------------------- single invoice, online page, PDF

    @Test
    void oneInvoiceItsOnlinePageAndItsPdf() throws Exception {
        UUID id = xero.seed.overdueInvoiceId();
        XeroInvoice invoice = client.invoice(id);
        assertThat(invoice.amountDue()).isEqualTo(new BigDecimal("875.50"));

        String url = client.onlineInvoiceUrl(id);
        assertThat(url).contains("/in.xero.com/");
        HttpResponse<String> page = xero.http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(invoice.number());

        byte[] pdf;
        try (ContentDownload download = client.invoicePdf(id)) {
            assertThat(download.contentType()).hasValueSatisfying(t -> assertThat(t).startsWith("application/pdf"));
            assertThat(client.throttle().availableSlots()).isEqualTo(4);     // held while streaming
            try (InputStream in = download.body()) {
                pdf = in.readAllBytes();
            }
            assertThat(download.contentLength()).hasValue(pdf.length);
        }
        assertThat(client.throttle().availableSlots()).isEqualTo(5);
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        assertThat(new String(pdf, java.nio.charset.StandardCharsets.ISO_8859_1)).contains(invoice.number())
                .contains("875.50").endsWith("%%EOF\n");
        RecordedRequest pdfRequest = xero.sim.requests().stream().filter(r -> r.path().endsWith("/Invoices/" + id))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(pdfRequest.header("Accept")).contains("application/pdf");
    }

    @Test
    void anUnknownInvoiceIsNotFoundAndADraftHasNoOnlinePage() {
        UUID missing = UUID.randomUUID();
        assertThatThrownBy(() -> client.invoice(missing)).isInstanceOf(XeroNotFoundException.class)
                .satisfies(e -> assertThat(classifier.classify(e)).isEqualTo(ErrorClass.PERMANENT))
                .hasMessageContaining("HTTP 404");
        assertThatThrownBy(() -> client.invoicePdf(missing)).isInstanceOf(XeroNotFoundException.class);

        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("Type", "ACCREC");
        draft.put("Contact", Map.of("ContactID", xero.seed.contactIds().get(0).toString()));
        draft.put("LineItems", List.of(Map.of("Description", "Draft work", "UnitAmount", "10.00")));
        UUID draftId = UUID.fromString((String) xero.sim.data().upsertInvoice(draft, true).get("InvoiceID"));
        assertThatThrownBy(() -> client.onlineInvoiceUrl(draftId)).isInstanceOf(XeroValidationException.class)
                .satisfies(e -> assertThat(((XeroValidationException) e).validationErrors())
                        .singleElement().asString().contains("only available for an approved sales invoice"));
        assertThat(client.throttle().availableSlots()).isEqualTo(5);
    }
}
