package org.matterhub.simulators.quickbooks;

import com.intuit.ipp.core.Context;
import com.intuit.ipp.core.IEntity;
import com.intuit.ipp.core.ServiceType;
import com.intuit.ipp.data.Customer;
import com.intuit.ipp.data.EmailAddress;
import com.intuit.ipp.data.Invoice;
import com.intuit.ipp.data.Line;
import com.intuit.ipp.data.LineDetailTypeEnum;
import com.intuit.ipp.data.LinkedTxn;
import com.intuit.ipp.data.Payment;
import com.intuit.ipp.data.ReferenceType;
import com.intuit.ipp.data.SalesItemLineDetail;
import com.intuit.ipp.exception.FMSException;
import com.intuit.ipp.security.OAuth2Authorizer;
import com.intuit.ipp.services.CDCQueryResult;
import com.intuit.ipp.services.DataService;
import com.intuit.ipp.services.QueryResult;
import com.intuit.ipp.util.Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.matterhub.simulators.common.FaultKind;
import org.matterhub.simulators.common.FaultRule;
import org.matterhub.simulators.common.RecordedRequest;

import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Intuit's own Java SDK ({@code ipp-v3-java-devkit}), unchanged, against the simulator over HTTP. */
class QboDevkitTest {

    private QboSimulator qbo;
    private QboDemoSeed seed;
    private String token;
    private DataService service;
    private Context context;

    @BeforeEach
    void start() throws FMSException {
        qbo = QboSimulator.start(QboSimulatorOptions.defaults());
        qbo.registerApp("matterhub", "s3cret");
        seed = qbo.seedDemoRealm();
        token = qbo.issueToken("matterhub", seed.realmId());
        // The documented way to point the devkit elsewhere (Config is per thread). The devkit drops the port of
        // BASE_URL_QBO (HttpHost(host, -1, scheme)), so it reaches the simulator as its HTTP proxy; the host
        // name in the base URL is never resolved.
        Config.setProperty(Config.BASE_URL_QBO, QboSimulator.SDK_BASE_URL);
        Config.setProperty(Config.PROXY_HOST, "127.0.0.1");
        Config.setProperty(Config.PROXY_PORT, Integer.toString(qbo.port()));
        context = new Context(new OAuth2Authorizer(token), ServiceType.QBO, seed.realmId());
        service = new DataService(context);
    }

    @AfterEach
    void stop() {
        // Config is thread-local in the devkit; leave the test thread as found
        Config.setProperty(Config.PROXY_HOST, "");
        Config.setProperty(Config.PROXY_PORT, "");
        Config.setProperty(Config.BASE_URL_QBO, "https://quickbooks.api.intuit.com/v3/company");
        qbo.close();
    }

    @Test
    void customerInvoicePaymentRoundTrip() throws Exception {
        Customer client = new Customer();
        client.setDisplayName("Harbour Shipping Ltd");
        EmailAddress email = new EmailAddress();
        email.setAddress("ap@harbour.example");
        client.setPrimaryEmailAddr(email);
        Customer created = service.add(client);
        assertThat(created.getId()).isNotBlank();
        assertThat(created.getSyncToken()).isEqualTo("0");

        Customer matter = new Customer();
        matter.setDisplayName("00100 Harbour: charter dispute");
        matter.setJob(true);
        matter.setParentRef(ref(created.getId()));
        Customer job = service.add(matter);
        assertThat(job.getFullyQualifiedName()).isEqualTo("Harbour Shipping Ltd:00100 Harbour: charter dispute");
        assertThat(job.getLevel()).isEqualTo(1);

        Invoice inv = service.add(invoice(job.getId(), "7", "300.00"));
        assertThat(inv.getTotalAmt()).isEqualByComparingTo("2100.00");
        assertThat(inv.getBalance()).isEqualByComparingTo("2100.00");

        Payment p = service.add(payment(job.getId(), inv.getId(), "500.00"));
        assertThat(p.getUnappliedAmt()).isEqualByComparingTo("0");
        Invoice after = service.findById(idOnly(new Invoice(), inv.getId()));
        assertThat(after.getBalance()).isEqualByComparingTo("1600.00");
        assertThat(after.getLinkedTxn()).extracting(LinkedTxn::getTxnType).containsExactly("Payment");
        assertThat(qbo.realm(seed.realmId()).paymentsForInvoice(inv.getId())).hasSize(1);

        // what the SDK sent: JSON (gzip), minorversion, a requestid on the create
        RecordedRequest create = qbo.requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().endsWith("/payment")).findFirst().orElseThrow();
        assertThat(create.query()).contains("minorversion=").contains("requestid=");

        // contract: the raw responses validate against the XSDs through the devkit's JAXB classes
        QboContract.validate(raw("/invoice/" + inv.getId()));
        QboContract.validate(raw("/customer/" + job.getId()));
        QboContract.validate(raw("/payment/" + p.getId()));
    }

    @Test
    void requestIdReplayCreatesOnePayment() throws Exception {
        String invId = seed.overdueInvoiceIds().get(0);
        Invoice inv = service.findById(idOnly(new Invoice(), invId));
        String customer = inv.getCustomerRef().getValue();

        context.setRequestID("pay-" + invId + "-1");
        Payment first = service.add(payment(customer, invId, "100.00"));
        context.setRequestID("pay-" + invId + "-1");
        Payment again = service.add(payment(customer, invId, "100.00"));

        assertThat(again.getId()).isEqualTo(first.getId());
        assertThat(qbo.realm(seed.realmId()).paymentsForInvoice(invId)).hasSize(1);
        assertThat(service.findById(idOnly(new Invoice(), invId)).getBalance())
                .isEqualByComparingTo(inv.getBalance().subtract(new BigDecimal("100.00")));
    }

    @Test
    void lostResponseThenRetryWithTheSameRequestIdGivesOnePayment() throws Exception {
        String invId = seed.overdueInvoiceIds().get(1);
        Invoice inv = service.findById(idOnly(new Invoice(), invId));
        qbo.faults().add(FaultRule.of(FaultKind.LOST_RESPONSE, "POST", "/payment$", 1));
        String requestId = "pay-" + invId + "-lost";

        // The devkit cannot retry this itself: its gzip request entity is not repeatable, so Apache HttpClient's
        // retry handler gives up (NonRepeatableRequestException) and the SDK throws. The caller must retry.
        context.setRequestID(requestId);
        assertThatThrownBy(() -> service.add(payment(inv.getCustomerRef().getValue(), invId, "50.00")))
                .isInstanceOf(FMSException.class);
        assertThat(qbo.realm(seed.realmId()).paymentsForInvoice(invId)).hasSize(1);   // applied before the loss

        context.setRequestID(requestId);
        Payment p = service.add(payment(inv.getCustomerRef().getValue(), invId, "50.00"));

        List<RecordedRequest> posts = qbo.requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().endsWith("/payment")).toList();
        assertThat(posts).hasSize(2);
        assertThat(posts).allSatisfy(r -> assertThat(r.query()).contains("requestid=" + requestId));
        assertThat(qbo.realm(seed.realmId()).paymentsForInvoice(invId)).hasSize(1)
                .first().satisfies(x -> assertThat(x.path("Id").asText()).isEqualTo(p.getId()));
        assertThat(service.findById(idOnly(new Invoice(), invId)).getBalance())
                .isEqualByComparingTo(inv.getBalance().subtract(new BigDecimal("50.00")));
    }

    @Test
    void staleSyncTokenSurfacesAsAnFmsExceptionWithCode5010() throws Exception {
        Customer c = service.findById(idOnly(new Customer(), seed.clientIds().get("NORTHWIND")));
        c.setNotes("first edit");
        Customer updated = service.update(c);
        assertThat(updated.getSyncToken()).isEqualTo("1");

        c.setNotes("second edit from a stale copy");       // still SyncToken 0
        // The devkit maps only fault type "Validation" to ValidationException; QBO's "ValidationFault" (XSD,
        // VENDORS.md §4.6) surfaces as a plain FMSException carrying the error list.
        assertThatThrownBy(() -> service.update(c))
                .isExactlyInstanceOf(FMSException.class)
                .satisfies(e -> assertThat(((FMSException) e).getErrorList())
                        .extracting(com.intuit.ipp.data.Error::getCode).containsExactly("5010"));
    }

    @Test
    void queryAndCdc() throws Exception {
        Instant before = Instant.now().minus(1, ChronoUnit.SECONDS);
        QueryResult all = service.executeQuery("select * from Invoice STARTPOSITION 1 MAXRESULTS 100");
        assertThat(all.getEntities()).hasSize(12);

        QueryResult page = service.executeQuery("select * from Invoice where Metadata.LastUpdatedTime > '"
                + before.minus(1, ChronoUnit.HOURS) + "' ORDERBY Id STARTPOSITION 3 MAXRESULTS 4");
        assertThat(page.getEntities()).hasSize(4);
        assertThat(((Invoice) page.getEntities().get(0)).getDocNumber()).isEqualTo("INV-00003");

        assertThat(qbo.requests().stream().filter(r -> r.path().endsWith("/query")).findFirst().orElseThrow().method())
                .isEqualTo("GET");
        QueryResult count = service.executeQuery("select count(*) from Customer where Job = true");
        assertThat(count.getTotalCount()).isEqualTo(12);

        String invId = seed.overdueInvoiceIds().get(0);
        Invoice inv = service.findById(idOnly(new Invoice(), invId));
        Instant since = Instant.now();
        // the payment must be stamped after `since`: wait for the clock to move on rather than sleeping a guess
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(1)).pollInterval(java.time.Duration.ofMillis(1))
                .until(() -> Instant.now().isAfter(since.plusMillis(1)));
        service.add(payment(inv.getCustomerRef().getValue(), invId, "10.00"));
        List<IEntity> kinds = List.of(new Invoice(), new Payment());
        List<CDCQueryResult> cdc = service.executeCDCQuery(kinds, since.toString());

        // the devkit does not URL-encode changedSince; an offset's '+' arrives as a space and must still parse
        List<CDCQueryResult> plus = service.executeCDCQuery(kinds,
                since.atOffset(java.time.ZoneOffset.ofHours(1)).toString());
        assertThat(plus.get(0).getQueryResults().get("Payment").getEntities()).hasSize(1);
        assertThat(cdc).hasSize(1);
        assertThat(cdc.get(0).getQueryResults().get("Invoice").getEntities()).hasSize(1);
        assertThat(cdc.get(0).getQueryResults().get("Payment").getEntities()).hasSize(1);
    }

    @Test
    void voidPdfAndInvoiceLink() throws Exception {
        String invId = seed.overdueInvoiceIds().get(2);
        Invoice inv = service.findById(idOnly(new Invoice(), invId));
        Invoice voided = service.voidRequest(inv);
        assertThat(qbo.requests().get(qbo.requests().size() - 1).query()).contains("include=void");
        assertThat(voided.getTotalAmt()).isEqualByComparingTo("0");
        assertThat(voided.getBalance()).isEqualByComparingTo("0");

        try (InputStream pdf = service.downloadPDF(idOnly(new Invoice(), invId))) {
            assertThat(new String(pdf.readAllBytes(), 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        }
        context.setIncludeParam(List.of("invoiceLink"));
        Invoice linked = service.findById(idOnly(new Invoice(), seed.partPaidInvoiceIds().get(0)));
        assertThat(linked.getInvoiceLink()).startsWith(qbo.baseUrl());
    }

    // ------------------------------------------------------------------ helpers

    private String raw(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(qbo.apiBaseUrl() + "/" + seed.realmId() + path + "?minorversion=75"))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    static ReferenceType ref(String id) {
        ReferenceType r = new ReferenceType();
        r.setValue(id);
        return r;
    }

    static <T extends IEntity> T idOnly(T entity, String id) {
        if (entity instanceof Invoice i) {
            i.setId(id);
        } else if (entity instanceof Customer c) {
            c.setId(id);
        } else if (entity instanceof Payment p) {
            p.setId(id);
        }
        return entity;
    }

    static Invoice invoice(String customerId, String hours, String rate) {
        Invoice inv = new Invoice();
        inv.setCustomerRef(ref(customerId));
        Line line = new Line();
        line.setDetailType(LineDetailTypeEnum.SALES_ITEM_LINE_DETAIL);
        line.setDescription("Legal services");
        line.setAmount(new BigDecimal(hours).multiply(new BigDecimal(rate)));
        SalesItemLineDetail d = new SalesItemLineDetail();
        d.setItemRef(ref("1"));
        d.setQty(new BigDecimal(hours));
        d.setUnitPrice(new BigDecimal(rate));
        line.setSalesItemLineDetail(d);
        inv.setLine(List.of(line));
        return inv;
    }

    static Payment payment(String customerId, String invoiceId, String amount) {
        Payment p = new Payment();
        p.setCustomerRef(ref(customerId));
        p.setTotalAmt(new BigDecimal(amount));
        Line line = new Line();
        line.setAmount(new BigDecimal(amount));
        LinkedTxn l = new LinkedTxn();
        l.setTxnId(invoiceId);
        l.setTxnType("Invoice");
        line.setLinkedTxn(List.of(l));
        p.setLine(List.of(line));
        return p;
    }
}
