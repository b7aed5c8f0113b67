package org.matterhub.store.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.matterhub.connectors.kernel.RateLimitBuckets;
import org.matterhub.connectors.kernel.RateLimitTimeoutException;
import org.matterhub.connectors.kernel.RateLimiter;
import org.matterhub.connectors.kernel.TimeSource;
import org.matterhub.store.StoreConfiguration.StoreEndpoint;
import org.matterhub.store.StoreProperties;
import org.matterhub.store.StoreTestApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two "nodes" — two {@link PostgresBuckets}, each on its own pool as the application role — on one embedded PostgreSQL behave as
 * one limit. All on a simulated clock: sleeping advances it, nothing waits on the wall clock.
 */
@SpringBootTest(classes = StoreTestApplication.class)
class PostgresBucketsIT {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration FOREVER = Duration.ofDays(1);

    @Autowired StoreEndpoint endpoint;
    @Autowired StoreProperties store;
    @Autowired JdbcTemplate jdbc;

    final SimulatedTime time = new SimulatedTime(Instant.parse("2026-12-07T09:00:00Z"));
    final List<PostgresBuckets> nodes = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (PostgresBuckets n : nodes) {
            n.close();
        }
    }

    @Test
    void theSecondNodeGetsNoPermitOnceTheFirstSpentTheBurstAndBothTogetherStayUnderTheLimit() throws Exception {
        String key = "clio:" + UUID.randomUUID();
        RateLimiter a = new RateLimiter(key, 50, MINUTE, node());
        RateLimiter b = new RateLimiter(key, 50, MINUTE, node());

        // 50/min: a burst of 2, then one permit every 1.25 s — for both nodes together
        assertThat(a.tryAcquire(Duration.ZERO)).isTrue();
        assertThat(a.tryAcquire(Duration.ZERO)).isTrue();
        assertThat(b.tryAcquire(Duration.ZERO)).isFalse();
        assertThatThrownBy(() -> b.acquire(Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(RateLimitTimeoutException.class,
                        e -> assertThat(e.wouldWait()).isEqualTo(Duration.ofMillis(1250)));
        assertThat(time.sleeps).isEmpty();
        time.advance(Duration.ofMillis(1250));
        assertThat(b.tryAcquire(Duration.ZERO)).isTrue();
        assertThat(a.tryAcquire(Duration.ZERO)).isFalse();

        // Both saturated, alternating, for ten minutes: never more than 50 in any 60 s, and at least 90% of 500.
        List<Instant> grants = new ArrayList<>();
        Instant end = time.now().plus(Duration.ofMinutes(10));
        for (int i = 0; time.now().isBefore(end); i++) {
            (i % 2 == 0 ? a : b).acquire(FOREVER);
            grants.add(time.now());
        }
        assertThat(grants.size()).isGreaterThanOrEqualTo(450);
        assertThat(maxInAnyClosedWindow(grants, MINUTE)).isLessThanOrEqualTo(50);
        assertThat(jdbc.queryForObject("select count(*) from rate_limit_bucket where id = ?", Long.class, key))
                .isEqualTo(1);
    }

    @Test
    void aPauseAfterA429OnOneNodeHoldsOnTheOther() throws Exception {
        String key = "imanage:" + UUID.randomUUID();
        RateLimiter a = new RateLimiter(key, 50, MINUTE, node());
        RateLimiter b = new RateLimiter(key, 50, MINUTE, node());
        Instant start = time.now();
        a.pauseUntil(start.plusSeconds(45));

        assertThat(b.tryAcquire(Duration.ofSeconds(10))).isFalse();
        assertThat(time.sleeps).isEmpty();
        b.acquire(Duration.ofMinutes(2));
        // the bucket resumes empty: the first permit comes after the pause, not before
        assertThat(time.now()).isAfter(start.plusSeconds(45)).isBefore(start.plusSeconds(47));
    }

    @Test
    void aSpentVendorWindowSeenByOneNodeHoldsOnTheOtherUntilTheReset() throws Exception {
        String key = "clio:" + UUID.randomUUID();
        RateLimiter a = new RateLimiter(key, 50, MINUTE, node());
        RateLimiter b = new RateLimiter(key, 50, MINUTE, node());
        Instant reset = time.now().plusSeconds(30);
        a.observe(new org.matterhub.connectors.kernel.RateLimitSnapshot(50, 0, reset));
        b.acquire(FOREVER);
        assertThat(time.now()).isAfterOrEqualTo(reset).isBefore(reset.plusSeconds(2));
    }

    @Test
    void differentScopesAreDifferentBuckets() throws Exception {
        RateLimitBuckets node = node();
        RateLimiter one = new RateLimiter("quickbooks:" + UUID.randomUUID(), 25, MINUTE, node);
        RateLimiter other = new RateLimiter("quickbooks:" + UUID.randomUUID(), 25, MINUTE, node);
        assertThat(one.tryAcquire(Duration.ZERO)).isTrue();
        assertThat(one.tryAcquire(Duration.ZERO)).isFalse();
        assertThat(other.tryAcquire(Duration.ZERO)).isTrue();
    }

    /** A node: its own pool as the application role (not the owner), on the shared simulated clock. */
    RateLimitBuckets node() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(endpoint.jdbcUrl());
        config.setUsername(store.appRole());
        config.setPassword(store.appPassword());
        config.setMaximumPoolSize(2);
        PostgresBuckets node = PostgresBuckets.owning(new HikariDataSource(config), time.clock());
        nodes.add(node);
        return new RateLimitBuckets() {
            @Override
            public TimeSource time() {
                return time;
            }

            @Override
            public Bucket bucket(String key, Supplier<BucketConfiguration> configuration) {
                return node.bucket(key, configuration);
            }
        };
    }

    /** Largest number of grants in any closed interval [t, t + window]. */
    static int maxInAnyClosedWindow(List<Instant> grants, Duration window) {
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

    /** A simulated clock whose sleep advances time at once. */
    static final class SimulatedTime implements TimeSource {
        private Instant now;
        final List<Duration> sleeps = new ArrayList<>();

        SimulatedTime(Instant start) {
            this.now = start;
        }

        @Override
        public synchronized Instant now() {
            return now;
        }

        @Override
        public synchronized void sleep(Duration duration) {
            sleeps.add(duration);
            now = now.plus(duration);
        }

        synchronized void advance(Duration d) {
            now = now.plus(d);
        }

        Clock clock() {
            return asClock();
        }
    }
}
