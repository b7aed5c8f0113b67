package org.matterhub.connectors.xero;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.matterhub.connectors.kernel.ErrorClass;
import org.matterhub.connectors.kernel.FakeTime;
import org.matterhub.connectors.kernel.VendorHttpException;
import org.matterhub.simulators.common.FaultKind;
import org.matterhub.simulators.common.FaultRule;
import org.matterhub.simulators.common.RecordedRequest;
import org.matterhub.simulators.xero.XeroSimulatorOptions;

/**
 * {@link XeroClient#createPayment} against the simulator with injected faults: whatever fails on the way, the
 * invoice ends up with exactly one payment, and every attempt carried the same {@code Idempotency-Key}. Backoff
 * waits run on a stepped clock; socket timeouts are real (and short).
 */
@Timeout(60)
class XeroPaymentTest {

    private static final String PAYMENTS = "/Payments$";

    private FakeTime time;
    private XeroSimFixture xero;
    private XeroClient client;
    private UUID invoiceId;
    private final XeroErrorClassifier classifier = new XeroErrorClassifier();

    @BeforeEach
    void start() throws Exception {
        time = XeroSimFixture.fakeTime();
        xero = new XeroSimFixture(XeroSimulatorOptions.defaults(), time);
        xero.properties = xero.properties
                .withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(800), Duration.ofMinutes(10))
                .withWriteRetry(5, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(30));
        client = xero.client(xero.store(xero.grant()));
        invoiceId = newInvoice("1000.00");
    }

    @AfterEach
    void stop() {
        xero.close();
    }

    private UUID newInvoice(String amount) {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("Type", "ACCREC");
        in.put("Contact", Map.of("ContactID", xero.seed.contactIds().get(0).toString()));
        in.put("Reference", "00042-Northwind");
        in.put("Date", "2026-05-01");
        in.put("DueDate", "2026-05-31");
        in.put("Status", "AUTHORISED");
        in.put("CurrencyCode", "USD");
        in.put("LineItems", List.of(Map.of("Description", "Advice", "UnitAmount", amount)));
        return UUID.fromString((String) xero.sim.data().upsertInvoice(in, true).get("InvoiceID"));
    }

    private XeroPaymentRequest request(String amount) {
        return XeroPaymentRequest.toAccountCode(invoiceId, "090", new BigDecimal(amount), LocalDate.of(2026, 5, 10),
                "Portal payment 7");
    }

    private List<RecordedRequest> paymentPosts() {
        return xero.sim.requests().stream().filter(r -> r.method().equals("POST") && r.path().endsWith("/Payments"))
                .toList();
    }

    @Test
    void aPaymentIsRecordedWithItsKeyAndMapsBack() {
        XeroPayment p = client.createPayment("portal-payment-7", request("400.10"));

        assertThat(p.id()).isNotNull();
        assertThat(p.invoiceId()).isEqualTo(invoiceId);
        assertThat(p.amount()).isEqualTo(new BigDecimal("400.10"));
        assertThat(p.currencyCode()).isEqualTo("USD");
        assertThat(p.date()).isEqualTo(LocalDate.of(2026, 5, 10));
        assertThat(p.reference()).isEqualTo("Portal payment 7");
        assertThat(p.status()).isEqualTo(XeroPayment.Status.AUTHORISED);
        assertThat(xero.sim.data().invoice(invoiceId).get("AmountDue").toString()).isEqualTo("599.90");
        assertThat(paymentPosts()).singleElement().satisfies(r -> {
            assertThat(r.header("Idempotency-Key")).isEqualTo("portal-payment-7");
            assertThat(r.header("xero-tenant-id")).isEqualTo(xero.tenantId().toString());
        });
    }

    @Test
    void serverErrorsAndALostResponseAreRetriedWithTheSameKeyAndPayExactlyOnce() {
        xero.sim.faults().add(FaultRule.builder(FaultKind.SERVER_ERROR).method("POST").pathRegex(PAYMENTS).times(2)
                .status(503).build());
        xero.sim.faults().add(FaultRule.of(FaultKind.LOST_RESPONSE, "POST", PAYMENTS, 1));

        XeroPayment p = client.createPayment("portal-payment-8", request("1000.00"));

        assertThat(xero.sim.data().paymentCount(invoiceId)).isEqualTo(1);
        assertThat(xero.sim.data().invoice(invoiceId).get("Status")).isEqualTo("PAID");
        assertThat(xero.sim.data().payment(p.id())).isNotNull();
        List<RecordedRequest> posts = paymentPosts();
        assertThat(posts).hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(r -> assertThat(r.header("Idempotency-Key")).isEqualTo("portal-payment-8"));
        assertThat(posts).extracting(RecordedRequest::status).startsWith(503, 503);
        assertThat(time.sleeps).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void aTimedOutAttemptAndAGarbledAnswerAreRetriedWithoutPayingTwice() {
        xero.sim.faults().add(FaultRule.of(FaultKind.TIMEOUT, "POST", PAYMENTS, 1));
        xero.sim.faults().add(FaultRule.of(FaultKind.MALFORMED_BODY, "POST", PAYMENTS, 1));

        XeroPayment p = client.createPayment("portal-payment-9", request("250.00"));

        assertThat(p.amount()).isEqualTo(new BigDecimal("250.00"));
        assertThat(xero.sim.data().paymentCount(invoiceId)).isEqualTo(1);
        assertThat(xero.sim.data().invoice(invoiceId).get("AmountPaid").toString()).isEqualTo("250.00");
        assertThat(paymentPosts()).hasSize(3)
                .allSatisfy(r -> assertThat(r.header("Idempotency-Key")).isEqualTo("portal-payment-9"));
    }

    @Test
    void aValidationErrorIsPermanentCarriesXerosMessageAndIsNotRetried() {
        assertThatThrownBy(() -> client.createPayment("portal-payment-10", request("1000.01")))
                .isInstanceOf(XeroValidationException.class)
                .satisfies(e -> {
                    XeroValidationException v = (XeroValidationException) e;
                    assertThat(v.status()).isEqualTo(400);
                    assertThat(v.validationErrors()).singleElement().asString()
                            .contains("exceeds the amount outstanding");
                    assertThat(v.getMessage()).contains("exceeds the amount outstanding");
                    assertThat(classifier.classify(v)).isEqualTo(ErrorClass.PERMANENT);
                });
        assertThat(paymentPosts()).hasSize(1);
        assertThat(xero.sim.data().paymentCount(invoiceId)).isZero();
    }

    @Test
    void persistentServerErrorsStopAfterTheAttemptBudgetAsARetriableFailure() {
        xero.sim.faults().add(FaultRule.builder(FaultKind.SERVER_ERROR).method("POST").pathRegex(PAYMENTS).status(500)
                .build());

        assertThatThrownBy(() -> client.createPayment("portal-payment-11", request("10.00")))
                .isInstanceOf(VendorHttpException.class)
                .satisfies(e -> {
                    assertThat(((VendorHttpException) e).status()).isEqualTo(500);
                    assertThat(classifier.classify(e)).isEqualTo(ErrorClass.RETRIABLE);
                });
        assertThat(paymentPosts()).hasSize(5);
        assertThat(xero.sim.data().paymentCount(invoiceId)).isZero();

        xero.sim.faults().clear();
        client.createPayment("portal-payment-11", request("10.00"));
        client.createPayment("portal-payment-11", request("10.00"));
        assertThat(xero.sim.data().paymentCount(invoiceId)).isEqualTo(1);
    }

    @Test
    void aMinuteRateLimitIsWaitedOutThenTheSameKeyIsSent() {
        xero.sim.faults().add(FaultRule.builder(FaultKind.RATE_LIMITED).method("POST").pathRegex(PAYMENTS).times(1)
                .retryAfterSeconds(7).build());

        client.createPayment("portal-payment-12", request("20.00"));

        assertThat(time.sleeps).anySatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofSeconds(7)));
        assertThat(paymentPosts()).extracting(RecordedRequest::status).containsExactly(429, 200);
        assertThat(xero.sim.data().paymentCount(invoiceId)).isEqualTo(1);
    }

    @Test
    void keysAreRequiredAndBounded() {
        assertThatThrownBy(() -> client.createPayment(" ", request("1.00"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.createPayment("k".repeat(129), request("1.00")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> XeroPaymentRequest.toAccountCode(invoiceId, "090", BigDecimal.ZERO,
                LocalDate.of(2026, 5, 10), null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(paymentPosts()).isEmpty();
    }
}
