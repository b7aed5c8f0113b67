package org.matterhub.simulators.common;

import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The JDK's {@link HttpServer} bound to 127.0.0.1, with one root handler, a cached thread pool
 * (so a request held by a TIMEOUT fault never blocks others) and a {@link RequestRecorder}.
 */
public final class SimHttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimHttpServer.class);

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle + delayed ACK
        // adds ~40 ms to every keep-alive response. Read once, when the JDK server config first loads.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Handles one exchange; must send or drop the response. */
    @FunctionalInterface
    public interface Handler {
        void handle(SimExchange exchange) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String name;

    private SimHttpServer(HttpServer server, ExecutorService executor, String name) {
        this.server = server;
        this.executor = executor;
        this.name = name;
    }

    /**
     * Starts a server.
     *
     * @param port      0 for an ephemeral port
     * @param name      thread-name prefix
     * @param handler   root handler for every path
     * @param recorder  where finished requests are recorded
     * @param recordIf  which paths to record
     * @param clock     source of arrival times
     */
    public static SimHttpServer start(int port, String name, Handler handler, RequestRecorder recorder,
                                      Predicate<String> recordIf, MonotonicClock clock) {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name + "-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot bind 127.0.0.1:" + port, e);
        }
        server.setExecutor(executor);
        server.createContext("/", http -> {
            SimExchange ex;
            try {
                ex = new SimExchange(http, clock.now());
            } catch (IOException e) {
                http.close();
                return;
            }
            boolean recorded = recordIf.test(ex.path());
            if (recorded) {
                ex.recorder(e -> recorder.record(new RecordedRequest(e.method(), e.path(), e.rawQuery(),
                        e.requestHeaders(), e.body(), e.status(), e.receivedAt())));
                recorder.arrived(ex, ex.method(), ex.path());
            }
            try {
                handler.handle(ex);
            } catch (Exception | Error e) {
                log.warn("{}: handler failed for {} {}", name, ex.method(), ex.path(), e);
                if (!ex.finished()) {
                    ex.sendText(500, "simulator error: " + e);
                }
            } finally {
                if (!ex.finished()) {
                    ex.drop();
                }
                ex.recordNow();
                if (recorded) {
                    recorder.finished(ex);
                }
            }
        });
        server.start();
        return new SimHttpServer(server, executor, name);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT} */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                log.debug("{}: some request threads still running after close", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
