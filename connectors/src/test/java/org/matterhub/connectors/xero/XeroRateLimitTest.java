package org.matterhub.connectors.xero;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.matterhub.connectors.kernel.ErrorClass;
import org.matterhub.connectors.kernel.FakeTime;
import org.matterhub.connectors.kernel.VendorHttpException;
import org.matterhub.simulators.common.FaultKind;
import org.matterhub.simulators.common.FaultRule;
import org.matterhub.simulators.xero.XeroSimulatorOptions;

/**
 * Xero's per-organisation limits against the simulator: the client's own pacing and concurrency cap keep a backfill
 * free of 429s, a 429 from elsewhere is honoured, and an exhausted day parks the organisation until Xero's reset
 * with nothing more sent. Minute and day windows pass on a clock shared by simulator and client.
 */
@Timeout(60)
class XeroRateLimitTest {

    private XeroSimFixture xero;
    private final XeroErrorClassifier classifier = new XeroErrorClassifier();

    @AfterEach
    void stop() {
        if (xero != null) {
            xero.close();
        }
    }

    private XeroClient client(XeroSimFixture fixture) throws Exception {
        return fixture.client(fixture.store(fixture.grant()));
    }

    @Test
    void aBackfillPacedToTheMinuteLimitMeetsNo429() throws Exception {
        FakeTime time = XeroSimFixture.fakeTime();
        xero = new XeroSimFixture(XeroSimulatorOptions.defaults(), time);
        xero.sim.setRateLimits(10, 0, 5, 0);
        xero.properties = xero.properties.withLimits(10, 5, 5_000);
        XeroClient client = client(xero);
        Instant started = time.now();

        for (int i = 0; i < 35; i++) {
            client.contactsModifiedSince(null, 1);
        }

        assertThat(xero.count("GET", "/Contacts", 200)).isEqualTo(35);
        assertThat(xero.sim.requests()).noneMatch(r -> r.status() == 429);
        assertThat(Duration.between(started, time.now())).isGreaterThan(Duration.ofMinutes(3));   // simulated time
        assertThat(client.lastLimitHeaders()).hasValueSatisfying(h -> {
            assertThat(h.minuteRemaining()).isBetween(0, 9);
            assertThat(h.appMinuteRemaining()).isNotNull();
        });
        assertThat(client.rateLimitSnapshot()).hasValueSatisfying(s -> assertThat(s.limit()).isEqualTo(10));
    }

    @Test
    void concurrentCallersAreCappedToTheOrganisationsSlotsAndMeetNo429() throws Exception {
        xero = new XeroSimFixture(XeroSimulatorOptions.defaults());
        xero.sim.setRateLimits(0, 0, 2, 0);
        xero.properties = xero.properties.withLimits(600, 2, 5_000);
        xero.sim.faults().add(FaultRule.builder(FaultKind.LATENCY).method("GET").pathRegex("/Contacts$")
                .latencyMillis(60).build());
        XeroClient client = client(xero);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                calls.add(pool.submit(() -> client.contactsModifiedSince(null, 1)));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> calls.stream().allMatch(Future::isDone));
            for (Future<?> f : calls) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(xero.count("GET", "/Contacts", 200)).isEqualTo(24);
        assertThat(xero.sim.requests()).noneMatch(r -> r.status() == 429);
        assertThat(client.throttle().availableSlots()).isEqualTo(2);
    }

    @Test
    void aMinute429FromElsewhereIsRetriableAndPausesTheOrganisation() throws Exception {
        FakeTime time = XeroSimFixture.fakeTime();
        xero = new XeroSimFixture(XeroSimulatorOptions.defaults(), time);
        XeroClient client = client(xero);
        xero.sim.faults().add(FaultRule.builder(FaultKind.RATE_LIMITED).method("GET").pathRegex("/Invoices$").times(1)
                .retryAfterSeconds(20).build());

        assertThatThrownBy(() -> client.invoicesModifiedSince(null, 1))
                .isInstanceOf(VendorHttpException.class)
                .isNotInstanceOf(XeroDailyLimitException.class)
                .satisfies(e -> {
                    VendorHttpException http = (VendorHttpException) e;
                    assertThat(http.status()).isEqualTo(429);
                    assertThat(http.errorType()).isEqualTo(XeroHeaders.RateLimitProblem.MINUTE.value());
                    assertThat(http.retryAfter()).hasValue(Duration.ofSeconds(20));
                    assertThat(classifier.classify(e)).isEqualTo(ErrorClass.RETRIABLE);
                    assertThat(classifier.retryAfter(e)).hasValue(Duration.ofSeconds(20));
                });
        Instant limitedAt = time.now();

        client.invoicesModifiedSince(null, 1);

        assertThat(time.now()).isAfterOrEqualTo(limitedAt.plusSeconds(20));
        assertThat(xero.count("GET", "/Invoices", 200)).isEqualTo(1);
    }

    @Test
    void anExhaustedDayParksTheOrganisationUntilXerosResetAndSendsNothingMore() throws Exception {
        FakeTime time = XeroSimFixture.fakeTime();
        xero = new XeroSimFixture(XeroSimulatorOptions.defaults(), time);
        xero.sim.setRateLimits(0, 3, 0, 0);
        XeroClient client = client(xero);

        for (int i = 0; i < 3; i++) {
            client.contactsModifiedSince(null, 1);
        }
        assertThat(client.lastLimitHeaders()).hasValueSatisfying(h -> assertThat(h.dayRemaining()).isZero());

        Instant beforeLimit = time.now();
        XeroDailyLimitException first = (XeroDailyLimitException) org.assertj.core.api.Assertions.catchThrowable(
                () -> client.invoicesModifiedSince(null, 1));
        assertThat(first).isNotNull();
        assertThat(first.sent()).isTrue();
        assertThat(first.status()).isEqualTo(429);
        assertThat(first.resetAt()).isAfter(beforeLimit.plus(Duration.ofHours(23)))
                .isBeforeOrEqualTo(beforeLimit.plus(Duration.ofHours(24)).plusSeconds(1));
        assertThat(classifier.classify(first)).isEqualTo(ErrorClass.QUOTA_EXHAUSTED);
        assertThat(client.throttle().dailyLimitResetAt()).hasValue(first.resetAt());
        long sent = xero.accountingRequests();

        assertThatThrownBy(() -> client.contactsModifiedSince(null, 1)).isInstanceOf(XeroDailyLimitException.class)
                .satisfies(e -> {
                    assertThat(((XeroDailyLimitException) e).sent()).isFalse();
                    assertThat(((XeroDailyLimitException) e).resetAt()).isEqualTo(first.resetAt());
                });
        assertThatThrownBy(() -> client.createPayment("portal-payment-1", XeroPaymentRequest.toAccountCode(
                xero.seed.openInvoiceId(), "090", new BigDecimal("1.00"), LocalDate.of(2026, 5, 1), null)))
                .isInstanceOf(XeroDailyLimitException.class);
        assertThat(xero.accountingRequests()).isEqualTo(sent);
        assertThat(xero.sim.requests()).filteredOn(r -> r.status() == 429).hasSize(1);

        time.advance(Duration.between(time.now(), first.resetAt()).plusSeconds(1));
        assertThat(client.throttle().dailyLimitResetAt()).isEmpty();
        assertThat(client.contactsModifiedSince(null, 1).items()).isNotEmpty();
    }
}
