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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.time.Duration;
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

    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

    private final EmbeddedPostgres postgres;
    private final String key;
    private final AtomicInteger users = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, String key) {
        this.postgres = postgres;
        this.key = key;
    }

    /**
     * Starts (or returns the already running) server for this data directory; null means a temporary one.
     * Each caller must {@link #release()} it; the last release stops the server. A JVM shutdown hook stops it
     * too, but only after giving the application's own shutdown (which releases it once its pool is closed)
     * time to finish, so the database never disappears under a stopping application.
     */
    public static synchronized EmbeddedPostgresServer obtain(Path dataDir, int port) {
        String key = dataDir == null ? "<temporary>" : dataDir.toAbsolutePath().normalize().toString();
        EmbeddedPostgresServer server = RUNNING.computeIfAbsent(key, k -> start(dataDir, port, k));
        server.users.incrementAndGet();
        return server;
    }

    /** Gives the server back; the last user stops it. */
    public static synchronized void release(EmbeddedPostgresServer server) {
        if (server.users.decrementAndGet() <= 0) {
            RUNNING.remove(server.key);
            server.closeQuietly();
        }
    }

    private static EmbeddedPostgresServer start(Path dataDir, int port, String key) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setRegisterShutdownHook(false)
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
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(pg, key);
            server.ensureDatabase();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stopAfterGrace, "embedded-postgres-stop"));
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

    private void stopAfterGrace() {
        try {
            if (!stopped.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                closeQuietly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly();
        }
    }

    private synchronized void closeQuietly() {
        if (stopped.getCount() == 0) {
            return;
        }
        try {
            postgres.close();
            log.info("Embedded PostgreSQL stopped");
        } catch (IOException | RuntimeException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.toString());
        } finally {
            stopped.countDown();
        }
    }
}
