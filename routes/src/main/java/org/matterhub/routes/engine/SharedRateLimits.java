package org.matterhub.routes.engine;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.util.function.Supplier;
import org.matterhub.connectors.kernel.RateLimitBuckets;
import org.matterhub.connectors.kernel.TimeSource;
import org.matterhub.store.ratelimit.PostgresBuckets;
import org.springframework.stereotype.Component;

/**
 * The connectors' rate-limit buckets, kept in PostgreSQL by the store ({@link PostgresBuckets}): every limiter the
 * hub builds (Clio per connection, QuickBooks per company, Xero per organisation, the DMS per connection) draws from
 * a bucket that all nodes share, on the buckets' own clock.
 */
@Component
public class SharedRateLimits implements RateLimitBuckets {

    private final PostgresBuckets buckets;
    private final TimeSource time;

    public SharedRateLimits(PostgresBuckets buckets) {
        this.buckets = buckets;
        this.time = TimeSource.system(buckets.clock());
    }

    @Override
    public TimeSource time() {
        return time;
    }

    @Override
    public Bucket bucket(String key, Supplier<BucketConfiguration> configuration) {
        return buckets.bucket(key, configuration);
    }
}
