package org.matterhub.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.matterhub.store.embedded.EmbeddedPostgresServer;
import org.matterhub.store.secrets.MasterKeys;
import org.matterhub.store.secrets.SecretCipher;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantBindingTransactionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.autoconfigure.flyway.FlywayProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wires the portal store. Without {@code spring.datasource.url} an embedded PostgreSQL is started; with it,
 * the standard Spring properties point at any PostgreSQL 14+. Migrations run as the owner
 * ({@code spring.flyway.user}, or the datasource user); the application pool connects as
 * {@code matterhub.store.app-role}, which owns nothing and cannot bypass row-level security.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({StoreProperties.class, DataSourceProperties.class, FlywayProperties.class})
@ComponentScan
public class StoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StoreConfiguration.class);

    /** Where the store is and who owns it, resolved once. */
    public record StoreEndpoint(String jdbcUrl, String ownerUser, String ownerPassword, EmbeddedPostgresServer embedded)
            implements AutoCloseable {
        @Override
        public String toString() {
            return "StoreEndpoint[" + jdbcUrl + ", owner=" + ownerUser + "]";
        }

        /** Destroyed after the pool that depends on it: the embedded server stops only once nothing uses it. */
        @Override
        public void close() {
            if (embedded != null) {
                EmbeddedPostgresServer.release(embedded);
            }
        }
    }

    @Bean
    StoreEndpoint storeEndpoint(DataSourceProperties dataSource, FlywayProperties flyway, StoreProperties store) {
        if (dataSource.getUrl() == null || dataSource.getUrl().isBlank()) {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.obtain(store.embeddedDataPath(), store.embeddedPort());
            return new StoreEndpoint(server.jdbcUrl(), server.ownerUser(), "", server);
        }
        String owner = flyway.getUser() != null ? flyway.getUser() : dataSource.getUsername();
        String ownerPassword = flyway.getUser() != null ? flyway.getPassword() : dataSource.getPassword();
        return new StoreEndpoint(dataSource.getUrl(), owner, ownerPassword, null);
    }

    @Bean
    @Primary
    DataSource dataSource(StoreEndpoint endpoint, StoreProperties store) {
        migrate(endpoint, store);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(endpoint.jdbcUrl());
        config.setUsername(store.appRole());
        config.setPassword(store.appPassword());
        config.setMaximumPoolSize(store.poolSize());
        config.setPoolName("matterhub-app");
        config.setAutoCommit(true);
        return new HikariDataSource(config);
    }

    /** Flyway as the owner; then the application role gets its password (embedded only). */
    static void migrate(StoreEndpoint endpoint, StoreProperties store) {
        Flyway flyway = Flyway.configure()
                .dataSource(endpoint.jdbcUrl(), endpoint.ownerUser(), endpoint.ownerPassword())
                .locations("classpath:db/migration")
                .placeholders(Map.of("app_role", store.appRole()))
                .load();
        var result = flyway.migrate();
        if (result.migrationsExecuted > 0) {
            log.info("Store migrated to version {} ({} migrations)", result.targetSchemaVersion, result.migrationsExecuted);
        }
        if (endpoint.embedded() != null) {
            try (Connection c = flyway.getConfiguration().getDataSource().getConnection();
                 PreparedStatement ps = c.prepareStatement("select format('alter role %I password %L', ?::text, ?::text)")) {
                ps.setString(1, store.appRole());
                ps.setString(2, store.appPassword());
                var rs = ps.executeQuery();
                rs.next();
                c.createStatement().execute(rs.getString(1));
            } catch (SQLException e) {
                throw new IllegalStateException("Could not set the application role's password", e);
            }
        }
    }

    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
        return new TenantBindingTransactionManager(dataSource);
    }

    @Bean
    Tenancy tenancy(PlatformTransactionManager transactionManager) {
        return new Tenancy(transactionManager);
    }

    @Bean
    JdbcTemplate jdbcTemplate(DataSource dataSource) {
        return new JdbcTemplate(dataSource);
    }

    @Bean
    NamedParameterJdbcTemplate namedParameterJdbcTemplate(JdbcTemplate jdbcTemplate) {
        return new NamedParameterJdbcTemplate(jdbcTemplate);
    }

    /** The master key; outside the demo profile the start fails without one ({@link MasterKeys}). */
    @Bean
    SecretCipher secretCipher(StoreProperties store, Environment environment) {
        return MasterKeys.cipher(store.masterKey(), store.previousMasterKeys(), store.embeddedDataPath(),
                environment.matchesProfiles("demo"));
    }
}
