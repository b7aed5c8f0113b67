package org.matterhub.store.ratelimit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import javax.sql.DataSource;
import org.matterhub.store.StoreConfiguration.StoreEndpoint;
import org.matterhub.store.StoreProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The hub's rate-limit buckets: in PostgreSQL, on a small pool of their own (as the application role), so that a
 * thread holding a connection of the main pool in a transaction still gets a permit when that pool is busy.
 */
@Configuration(proxyBeanMethods = false)
public class RateLimitBucketsConfiguration {

    /** Connections of the buckets' pool: a permit holds one for a few milliseconds. */
    static final int POOL_SIZE = 4;

    /** @param migrated the application's pool, created after the migrations ran: this pool comes after it */
    @Bean(destroyMethod = "close")
    PostgresBuckets rateLimitBuckets(StoreEndpoint endpoint, StoreProperties store, DataSource migrated) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(endpoint.jdbcUrl());
        config.setUsername(store.appRole());
        config.setPassword(store.appPassword());
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setPoolName("matterhub-rate-limits");
        config.setAutoCommit(true);
        return PostgresBuckets.owning(new HikariDataSource(config), Clock.systemUTC());
    }
}
