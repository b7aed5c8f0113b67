package org.matterhub.store.ratelimit;

import com.zaxxer.hikari.HikariDataSource;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Rate-limit buckets in PostgreSQL ({@code rate_limit_bucket}, migration V13), through Bucket4j's PostgreSQL backend:
 * every node that shares the database draws from the same bucket per key (a vendor's limit scope), so a vendor's limit
 * holds for the cluster. A permit is one short transaction that locks the bucket's row ({@code select ... for update}).
 * The connectors' limiters reach these buckets through their kernel port, which the routes module adapts to this class.
 *
 * <p>Bucket state is computed on the nodes' clocks (nanoseconds since the epoch), so the nodes' clocks must agree to
 * well under a refill interval (NTP: milliseconds; Clio's is 1.25 s).
 */
public final class PostgresBuckets implements AutoCloseable {

    /** The table, created by migration V13. */
    public static final String TABLE = "rate_limit_bucket";

    private final Clock clock;
    private final ProxyManager<String> buckets;
    private final AutoCloseable owned;

    /**
     * @param dataSource connections as the application role, outside any tenant transaction; each permit takes one
     *                   for the length of a short transaction
     * @param clock      the clock buckets refill on
     */
    public PostgresBuckets(DataSource dataSource, Clock clock) {
        this(dataSource, clock, null);
    }

    /** Buckets on a pool of their own, closed with them. */
    public static PostgresBuckets owning(HikariDataSource pool, Clock clock) {
        return new PostgresBuckets(pool, clock, pool);
    }

    private PostgresBuckets(DataSource dataSource, Clock clock, AutoCloseable owned) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.owned = owned;
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(Objects.requireNonNull(dataSource, "dataSource"))
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(TABLE)
                .idColumn("id")
                .stateColumn("state")
                .clientClock(meter(clock))
                .build();
    }

    /** The clock buckets refill on. */
    public Clock clock() {
        return clock;
    }

    /**
     * The bucket stored under {@code key}; {@code configuration} is used only when none is stored yet (a stored bucket
     * keeps its configuration and state, e.g. across a restart or when another node created it first).
     */
    public Bucket bucket(String key, Supplier<BucketConfiguration> configuration) {
        return buckets.builder().build(key, configuration);
    }

    /** Closes the pool when these buckets own it. */
    @Override
    public void close() throws Exception {
        if (owned != null) {
            owned.close();
        }
    }

    private static TimeMeter meter(Clock clock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }
}
