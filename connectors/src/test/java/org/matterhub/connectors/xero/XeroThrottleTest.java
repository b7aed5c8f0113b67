package org.matterhub.connectors.xero;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.matterhub.connectors.kernel.FakeTime;
import org.matterhub.connectors.kernel.RateLimitBuckets;
import org.matterhub.connectors.kernel.RateLimitTimeoutException;

class XeroThrottleTest {

    final FakeTime time = new FakeTime(Instant.parse("2026-11-24T10:00:00Z"));
    final XeroThrottle throttle = XeroThrottle.forTenant(XeroProperties.of("id", "secret"), UUID.randomUUID(), time);

    @Test
    void aWindowRunDownResumesWhenTheWindowOpenedByItsFirstCallEnds() throws Exception {
        Instant opened = time.now();
        throttle.observe(new XeroLimitHeaders(59, 4999, 9999, opened));
        time.advance(Duration.ofSeconds(50));
        throttle.observe(new XeroLimitHeaders(0, 4940, 9940, time.now()));
        try (XeroThrottle.Permit p = throttle.acquire(Duration.ofMinutes(5))) {
            // Not a minute after the last response (10:01:50): Xero opened the next window at 10:01:00.
            assertThat(time.now()).isBetween(opened.plusSeconds(60), opened.plusSeconds(61));
        }
    }

    @Test
    void aNewWindowIsRecognisedByMoreCallsRemaining() throws Exception {
        throttle.observe(new XeroLimitHeaders(1, 4000, 9999, time.now()));
        time.advance(Duration.ofSeconds(61));
        Instant second = time.now();
        throttle.observe(new XeroLimitHeaders(59, 3999, 9999, second));
        time.advance(Duration.ofSeconds(30));
        throttle.observe(new XeroLimitHeaders(0, 3940, 9940, time.now()));
        try (XeroThrottle.Permit p = throttle.acquire(Duration.ofMinutes(5))) {
            assertThat(time.now()).isBetween(second.plusSeconds(60), second.plusSeconds(61));
        }
    }

    @Test
    void throttlesOfOneOrganisationSharingTheirBucketsShareTheMinuteAndTheDay() throws Exception {
        // as two nodes would through the database: one bucket per organisation's minute and day
        RateLimitBuckets shared = RateLimitBuckets.inMemory(time);
        UUID tenant = UUID.randomUUID();
        XeroThrottle one = new XeroThrottle("xero:" + tenant, 60, 3, 5, shared);
        XeroThrottle two = new XeroThrottle("xero:" + tenant, 60, 3, 5, shared);
        Instant start = time.now();

        one.acquire(Duration.ZERO).close();
        one.acquire(Duration.ZERO).close();
        // 60/min: a burst of 2, spent by the first
        assertThatThrownBy(() -> two.acquire(Duration.ZERO)).isInstanceOf(RateLimitTimeoutException.class);
        assertThat(two.availableSlots()).isEqualTo(5);

        two.acquire(Duration.ofMinutes(1)).close();
        // three calls a day, spent by the two together: both know when the day refills, and nothing is sent before
        assertThat(one.dailyLimitResetAt()).contains(start.plus(Duration.ofDays(1)));
        assertThat(two.dailyLimitResetAt()).contains(start.plus(Duration.ofDays(1)));
        time.advance(Duration.ofDays(1));
        assertThat(two.dailyLimitResetAt()).isEmpty();
    }

    @Test
    void aDay429ParksThisThrottleUntilXerosResetAndSpendsTheSharedDay() throws Exception {
        RateLimitBuckets shared = RateLimitBuckets.inMemory(time);
        UUID tenant = UUID.randomUUID();
        XeroThrottle one = new XeroThrottle("xero:" + tenant, 60, 5000, 5, shared);
        XeroThrottle two = new XeroThrottle("xero:" + tenant, 60, 5000, 5, shared);
        Instant reset = time.now().plus(Duration.ofHours(7));
        one.park(reset);
        assertThat(one.dailyLimitResetAt()).contains(reset);
        assertThat(two.dailyLimitResetAt()).isPresent();
    }
}
