package org.matterhub.connectors.kernel;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Where the Bucket4j buckets behind {@link RateLimiter} live, keyed by a vendor's limit scope ({@code clio:<connection>},
 * {@code quickbooks:<realm>}, {@code xero:<tenant>:minute}). The hub's implementation keeps them in PostgreSQL, so that
 * every node sharing the database draws from one bucket and a vendor's limit holds for the cluster; {@link #inMemory}
 * keeps them in this process, for code that has no database (connector unit tests, a single-process tool).
 *
 * <p>Every bucket refills on {@link #time()}, which limiters also use to measure pauses.
 */
public interface RateLimitBuckets {

    /** The clock buckets refill on. */
    TimeSource time();

    /**
     * The bucket stored under {@code key}; {@code configuration} is used only when none is stored yet (a stored bucket
     * keeps its configuration and state, e.g. across a restart or when another node created it first).
     */
    Bucket bucket(String key, Supplier<BucketConfiguration> configuration);

    /** Buckets held in this process: one per key, shared by every limiter of this instance. */
    static RateLimitBuckets inMemory(TimeSource time) {
        Objects.requireNonNull(time, "time");
        Map<String, Bucket> buckets = new ConcurrentHashMap<>();
        return new RateLimitBuckets() {
            @Override
            public TimeSource time() {
                return time;
            }

            @Override
            public Bucket bucket(String key, Supplier<BucketConfiguration> configuration) {
                return buckets.computeIfAbsent(key, k -> {
                    LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(meter(time));
                    for (Bandwidth b : configuration.get().getBandwidths()) {
                        builder.addLimit(b);
                    }
                    return builder.build();
                });
            }
        };
    }

    /** {@code time} as Bucket4j's clock: nanoseconds since the epoch, so that nodes agree on it like on wall time. */
    static TimeMeter meter(TimeSource time) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = time.now();
                return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }
}
