package org.matterhub.connectors.xero;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.matterhub.connectors.kernel.FakeTime;

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
}
