package org.matterhub.store.ratelimit;

import com.zaxxer.hikari.HikariDataSource;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.matterhub.connectors.kernel.RateLimitBuckets;
import org.matterhub.connectors.kernel.TimeSource;

/**
 * Rate-limit buckets in PostgreSQL ({@code rate_limit_bucket}, migration V13), through Bucket4j's PostgreSQL backend:
 * every node that shares the database draws from the same bucket per vendor limit scope, so a vendor's limit holds for
 * the cluster. A permit is one short transaction that locks the bucket's row ({@code select ... for update}).
 *
 * <p>Bucket state is computed on the nodes' clocks ({@link #time()}, nanoseconds since the epoch), so the nodes' clocks
 * must agree to well under a refill interval (NTP: milliseconds; Clio's is 1.25 s).
 */
public final class PostgresRateLimitBuckets implements RateLimitBuckets, AutoCloseable {

    /** The table, created by migration V13. */
    public static final String TABLE = "rate_limit_bucket";

    private final TimeSource time;
    private final ProxyManager<String> buckets;
    private final AutoCloseable owned;

    /**
     * @param dataSource connections as the application role, outside any tenant transaction; each permit takes one
     *                   for the length of a short transaction
     * @param time       the clock buckets refill on
     */
    public PostgresRateLimitBuckets(DataSource dataSource, TimeSource time) {
        this(dataSource, time, null);
    }

    /** Buckets on a pool of their own, closed with them. */
    public static PostgresRateLimitBuckets owning(HikariDataSource pool, TimeSource time) {
        return new PostgresRateLimitBuckets(pool, time, pool);
    }

    private PostgresRateLimitBuckets(DataSource dataSource, TimeSource time, AutoCloseable owned) {
        this.owned = owned;
        this.time = Objects.requireNonNull(time, "time");
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(Objects.requireNonNull(dataSource, "dataSource"))
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(TABLE)
                .idColumn("id")
                .stateColumn("state")
                .clientClock(RateLimitBuckets.meter(time))
                .build();
    }

    @Override
    public TimeSource time() {
        return time;
    }

    @Override
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
}
