package org.matterhub.simulators.common;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * Posts webhook deliveries asynchronously: strictly in order per subscription key, each retried with
 * exponential backoff until the receiver answers 2xx, 3xx or 410 (Clio's "delivered" set) or the
 * attempts run out. Also does single synchronous-style posts (handshakes).
 */
public final class WebhookSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    private final HttpClient client;
    private final ExecutorService executor;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration requestTimeout;
    private final Map<String, KeyQueue> queues = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param name           thread-name prefix
     * @param maxAttempts    attempts per delivery, including the first
     * @param initialBackoff wait before the 2nd attempt; doubled for each further attempt
     * @param requestTimeout how long to wait for the receiver's answer
     */
    public WebhookSender(String name, int maxAttempts, Duration initialBackoff, Duration requestTimeout) {
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name + "-webhook-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder()
                .connectTimeout(requestTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .executor(executor)
                .build();
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.requestTimeout = requestTimeout;
    }

    /**
     * One delivery.
     *
     * @param url       where to POST
     * @param body      exact bytes to send
     * @param headers   extra headers (signature etc.); Content-Type is JSON
     * @param stillWanted checked before every attempt; false abandons the delivery
     * @param onDone    called once with the final status (0 when every attempt failed without answer)
     */
    public record Delivery(URI url, byte[] body, Map<String, String> headers, BooleanSupplier stillWanted,
                           IntConsumer onDone) {
    }

    /** Queues a delivery behind every earlier one with the same key. */
    public void enqueue(String key, Delivery delivery) {
        if (closed) {
            return;
        }
        KeyQueue q = queues.computeIfAbsent(key, k -> new KeyQueue());
        boolean start;
        synchronized (q) {
            q.pending.addLast(delivery);
            start = !q.running;
            q.running = true;
        }
        if (start) {
            executor.execute(() -> drain(q));
        }
    }

    /** Runs a task on the sender's threads (e.g. a handshake). */
    public void execute(Runnable task) {
        if (!closed) {
            executor.execute(task);
        }
    }

    private void drain(KeyQueue q) {
        while (!closed) {
            Delivery next;
            synchronized (q) {
                next = q.pending.pollFirst();
                if (next == null) {
                    q.running = false;
                    return;
                }
            }
            deliver(next);
        }
    }

    private void deliver(Delivery d) {
        long backoff = initialBackoff.toMillis();
        int lastStatus = 0;
        for (int attempt = 1; attempt <= maxAttempts && !closed; attempt++) {
            if (!d.stillWanted().getAsBoolean()) {
                return;
            }
            Optional<HttpResponse<String>> response = post(d.url(), d.body(), d.headers());
            lastStatus = response.map(HttpResponse::statusCode).orElse(0);
            if (isDelivered(lastStatus)) {
                break;
            }
            log.debug("webhook to {} attempt {} got {}", d.url(), attempt, lastStatus);
            if (attempt < maxAttempts) {
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff *= 2;
            }
        }
        try {
            d.onDone().accept(lastStatus);
        } catch (RuntimeException e) {
            log.warn("webhook completion callback failed", e);
        }
    }

    /** Clio (and most senders) treat 2xx, 3xx and 410 as delivered. */
    public static boolean isDelivered(int status) {
        return (status >= 200 && status < 400) || status == 410;
    }

    /** One POST; empty when the receiver did not answer (connection refused, timeout, reset). */
    public Optional<HttpResponse<String>> post(URI url, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        try {
            return Optional.of(client.send(b.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Lowercase hex HMAC-SHA256 of {@code body} keyed with the UTF-8 bytes of {@code secret}. */
    public static String hmacSha256Hex(String secret, byte[] body) {
        return HexFormat.of().formatHex(WebhookSignature.hmacSha256(secret, body));
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class KeyQueue {
        private final Deque<Delivery> pending = new ArrayDeque<>();
        private boolean running;
    }
}
