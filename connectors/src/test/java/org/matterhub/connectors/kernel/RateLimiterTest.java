package org.matterhub.connectors.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runs entirely on a simulated clock: sleeping advances {@link FakeTime}, no wall-clock thresholds. */
class RateLimiterTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration FOREVER = Duration.ofDays(1);

    /** A vendor that counts requests per fixed window starting at its first request, and answers headers. */
    private static final class FixedWindowVendor {
        final int limit;
        Instant windowStart;
        int used;
        int rejected;
        int served;

        FixedWindowVendor(int limit) {
            this.limit = limit;
        }

        RateLimitSnapshot handle(Instant now) {
            if (windowStart == null || !now.isBefore(windowStart.plus(MINUTE))) {
                windowStart = now;
                used = 0;
            }
            if (used >= limit) {
                rejected++;
            } else {
                used++;
                served++;
            }
            return new RateLimitSnapshot(limit, limit - used, windowStart.plus(MINUTE));
        }
    }

    @ParameterizedTest(name = "{0}/min: >= {1} grants in 10 min, never more than {0} in any 60 s")
    @CsvSource({"50, 475", "20, 185", "10, 90", "600, 5700"})
    void saturatedCallerGetsAtLeastNinetyPercentAndNeverExceedsAnyWindow(int limit, int minimumGrants)
            throws Exception {
        FakeTime time = new FakeTime(T0);
        RateLimiter limiter = new RateLimiter("test", limit, MINUTE, time);
        List<Instant> grants = new ArrayList<>();
        Instant end = T0.plus(Duration.ofMinutes(10));
        while (true) {
            limiter.acquire(FOREVER);
            if (!time.now().isBefore(end)) {
                break;
            }
            grants.add(time.now());
        }
        assertThat(grants.size()).isGreaterThanOrEqualTo(minimumGrants)
                .isGreaterThanOrEqualTo((int) Math.ceil(0.9 * limit * 10));
        assertThat(maxInAnyClosedWindow(grants, MINUTE)).isLessThanOrEqualTo(limit);
    }

    @Test
    void againstAFixedWindowVendorZero429sAndAtLeastNinetyPercentUtilisation() throws Exception {
        FakeTime time = new FakeTime(T0);
        RateLimiter limiter = new RateLimiter("clio", 50, MINUTE, time);
        FixedWindowVendor vendor = new FixedWindowVendor(50);
        Instant end = T0.plus(Duration.ofMinutes(10));
        while (time.now().isBefore(end)) {
            limiter.acquire(FOREVER);
            time.advance(Duration.ofMillis(180)); // request latency
            limiter.observe(vendor.handle(time.now()));
        }
        assertThat(vendor.rejected).isZero();
        assertThat(vendor.served).isGreaterThanOrEqualTo(450);
    }

    @Test
    void adoptsALowerLimitFromTheVendorsHeaders() throws Exception {
        FakeTime time = new FakeTime(T0);
        RateLimiter limiter = new RateLimiter("clio", 50, MINUTE, time);
        FixedWindowVendor vendor = new FixedWindowVendor(20);
        Instant end = T0.plus(Duration.ofMinutes(5));
        while (time.now().isBefore(end)) {
            limiter.acquire(FOREVER);
            time.advance(Duration.ofMillis(50));
            limiter.observe(vendor.handle(time.now()));
        }
        assertThat(limiter.limit()).isEqualTo(20);
        assertThat(vendor.rejected).isZero();
        assertThat(vendor.served).isGreaterThanOrEqualTo(90);
    }

    @Test
    void otherConsumersOfTheSameTokenAreSeenThroughRemaining() throws Exception {
        FakeTime time = new FakeTime(T0);
        RateLimiter limiter = new RateLimiter("clio", 50, MINUTE, time);
        // someone else already used 48 of this window, which resets in 20 s
        limiter.observe(new RateLimitSnapshot(50, 2, T0.plusSeconds(20)));
        limiter.acquire(FOREVER);
        limiter.acquire(FOREVER);
        assertThat(time.now()).isBefore(T0.plusSeconds(20));
        limiter.acquire(FOREVER); // the window is used up: wait for the reset
        assertThat(time.now()).isAfterOrEqualTo(T0.plusSeconds(20));
    }

    @Test
    void remainingZeroPausesUntilReset() throws Exception {
        FakeTime time = new FakeTime(T0);
        RateLimiter limiter = new RateLimiter("clio", 50, MINUTE, time);
        limiter.observe(new RateLimitSnapshot(50, 0, T0.plusSeconds(30)));
        assertThat(limiter.status().headroom()).isZero();
        limiter.acquire(FOREVER);
        assertThat(time.now()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void pauseAfter429BlocksAndADeadlineShorterThanThePauseFailsWithoutSleeping() throws Exception {
        FakeTime time = new FakeTime(T0);
        RateLimiter limiter = new RateLimiter("clio", 50, MINUTE, time);
        limiter.pauseUntil(T0.plusSeconds(45));
        assertThat(limiter.status().pausedUntil()).contains(T0.plusSeconds(45));

        assertThatThrownBy(() -> limiter.acquire(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(RateLimitTimeoutException.class,
                        e -> assertThat(e.wouldWait()).isEqualTo(Duration.ofSeconds(45)));
        assertThat(time.sleeps).isEmpty();
        assertThat(limiter.tryAcquire(Duration.ofSeconds(10))).isFalse();

        limiter.acquire(Duration.ofMinutes(2));
        // a 429 empties the bucket: the first permit after the pause comes one refill interval (1.25 s) later
        assertThat(time.now()).isAfter(T0.plusSeconds(45)).isBefore(T0.plusSeconds(47));
    }

    @Test
    void staleSnapshotsNeverRaiseRemaining() throws Exception {
        FakeTime time = new FakeTime(T0);
        RateLimiter limiter = new RateLimiter("clio", 50, MINUTE, time);
        limiter.observe(new RateLimitSnapshot(50, 3, T0.plusSeconds(40)));
        limiter.observe(new RateLimitSnapshot(50, 10, T0.plusSeconds(40))); // an older response, late
        assertThat(limiter.status().vendorRemaining()).contains(3);
        limiter.observe(new RateLimitSnapshot(50, 49, T0.plusSeconds(100))); // next window
        assertThat(limiter.status().vendorRemaining()).contains(49);
        assertThat(limiter.lastObserved()).contains(new RateLimitSnapshot(50, 49, T0.plusSeconds(100)));
    }

    @Test
    void statusReportsHeadroom() throws Exception {
        FakeTime time = new FakeTime(T0);
        RateLimiter limiter = new RateLimiter("clio:7", 50, MINUTE, time);
        RateLimiter.Status fresh = limiter.status();
        assertThat(fresh.name()).isEqualTo("clio:7");
        assertThat(fresh.limit()).isEqualTo(50);
        assertThat(fresh.burstCapacity()).isEqualTo(2);
        assertThat(fresh.headroom()).isEqualTo(1.0);
        limiter.observe(new RateLimitSnapshot(50, 25, T0.plusSeconds(30)));
        assertThat(limiter.status().headroom()).isEqualTo(0.5);
        time.advance(Duration.ofSeconds(31));
        assertThat(limiter.status().vendorRemaining()).isEmpty();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new RateLimiter("x", 0, MINUTE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimiter("x", 5, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Largest number of grants in any closed interval [t, t + window]. */
    private static int maxInAnyClosedWindow(List<Instant> grants, Duration window) {
        Deque<Instant> in = new ArrayDeque<>();
        int max = 0;
        for (Instant g : grants) {
            in.addLast(g);
            while (in.peekFirst().plus(window).isBefore(g)) {
                in.removeFirst();
            }
            max = Math.max(max, in.size());
        }
        return max;
    }
}
