package org.matterhub.simulators.common;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class CommonPiecesTest {

    @Test
    void monotonicClockNeverRepeatsEvenWhenTheWallClockStands() {
        MonotonicClock clock = new MonotonicClock(Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC));
        Instant a = clock.next();
        Instant b = clock.next();
        assertThat(b).isAfter(a);
        assertThat(MonotonicClock.format(b)).isEqualTo("2025-01-01T00:00:00.001Z");
    }

    @Test
    void fixedWindowLimiterCountsPerKeyAndResets() {
        FixedWindowRateLimiter limiter = new FixedWindowRateLimiter(60);
        limiter.setLimit(2);
        Instant t = Instant.parse("2025-01-01T00:00:10Z");
        assertThat(limiter.acquire("a", t).remaining()).isEqualTo(1);
        assertThat(limiter.acquire("a", t).remaining()).isZero();
        FixedWindowRateLimiter.Verdict denied = limiter.acquire("a", t.plusSeconds(20));
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.retryAfterSeconds()).isEqualTo(40);
        assertThat(limiter.acquire("b", t).allowed()).isTrue();
        assertThat(limiter.acquire("a", t.plusSeconds(60)).allowed()).isTrue();
    }

    @Test
    void faultRulesFireTheirNumberOfTimesAndLatencyStacks() {
        FaultInjector faults = new FaultInjector();
        faults.add(FaultRule.builder(FaultKind.LATENCY).latencyMillis(5).build());
        faults.add(FaultRule.of(FaultKind.SERVER_ERROR, "GET", "/matters", 1));
        FaultInjector.Decision first = faults.decide("GET", "/api/v4/matters.json");
        assertThat(first.latencyMillis()).isEqualTo(5);
        assertThat(first.fault()).hasValueSatisfying(r -> assertThat(r.kind()).isEqualTo(FaultKind.SERVER_ERROR));
        assertThat(faults.decide("GET", "/api/v4/matters.json").fault()).isEmpty();
        assertThat(faults.decide("POST", "/api/v4/matters.json").latencyMillis()).isEqualTo(5);
    }

    @Test
    void hmacIsLowercaseHex() {
        // RFC 4231 test case 2
        assertThat(WebhookSender.hmacSha256Hex("Jefe", "what do ya want for nothing?".getBytes()))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}
