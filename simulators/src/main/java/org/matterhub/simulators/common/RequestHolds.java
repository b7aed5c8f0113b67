package org.matterhub.simulators.common;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Latches on requests, so a crash test can kill the client while the simulator holds a request of the kind under
 * test: "hold the next {@code POST /payments} until released". A hold catches the first matching request after it was
 * armed, and only that one, either {@link Phase#BEFORE_APPLY before the vendor applies it} or
 * {@link Phase#AFTER_APPLY after the vendor applied it and before the response leaves} (the commit window: the vendor
 * has the change, the client does not know yet; a request answered with anything but 2xx applied nothing, so an
 * after-apply hold lets it pass and waits for the next). The path regex is searched in the raw path and query
 * ({@code /api/v4/matters.json?page_token=…}). Once released, the request goes on as if nothing had happened; if
 * the client has gone meanwhile, its answer is lost. Closing the simulator releases every hold.
 */
public final class RequestHolds {

    /** Where a hold stops the request. */
    public enum Phase {
        /** Before fault injection and before the vendor reads the request. */
        BEFORE_APPLY,
        /** After the vendor applied the request, before the first byte of its response is sent. */
        AFTER_APPLY
    }

    /**
     * The request a hold caught.
     *
     * @param status the status about to be answered ({@code 0} before the vendor applied the request)
     */
    public record HeldRequest(String method, String path, String query, String body, Phase phase, int status,
                              Instant heldAt) {

        /** One line for a report: {@code POST /v3/company/1/payment (after apply, 200) {"Amount":…}}. */
        public String describe() {
            String b = body == null ? "" : body.replaceAll("\\s+", " ");
            return method + " " + path + (query == null ? "" : "?" + query) + " ("
                    + (phase == Phase.AFTER_APPLY ? "after apply, answering " + status : "before apply") + ") "
                    + (b.length() > 160 ? b.substring(0, 160) + "…" : b);
        }
    }

    /** One armed latch. */
    public static final class Hold {
        private final int id;
        private final String method;
        private final Pattern path;
        private final Phase phase;
        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile HeldRequest request;

        private Hold(int id, String method, String pathRegex, Phase phase) {
            this.id = id;
            this.method = method;
            this.path = Pattern.compile(pathRegex);
            this.phase = phase;
        }

        public int id() {
            return id;
        }

        public Phase phase() {
            return phase;
        }

        /** Waits until a request is held; the request, or empty when none came within {@code timeout}. */
        public Optional<HeldRequest> awaitHeld(Duration timeout) throws InterruptedException {
            held.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return request();
        }

        /** The request caught so far (it may be released already). */
        public Optional<HeldRequest> request() {
            return Optional.ofNullable(request);
        }

        /** Whether a request is being held right now. */
        public boolean holding() {
            return request != null && released.getCount() > 0;
        }

        /** Lets the held request (or the next one, if none is held yet) go on; a hold releases once. */
        public void release() {
            released.countDown();
        }

        /** {@code armed}, {@code held} or {@code released}, with the request. */
        public Map<String, Object> describe() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", id);
            out.put("phase", phase.name());
            out.put("state", released.getCount() == 0 ? "released" : request == null ? "armed" : "held");
            if (request != null) {
                out.put("request", request);
            }
            return out;
        }

        boolean matches(SimExchange ex) {
            String target = ex.rawQuery() == null ? ex.path() : ex.path() + "?" + ex.rawQuery();
            return (method == null || method.equalsIgnoreCase(ex.method())) && path.matcher(target).find();
        }

        void park(SimExchange ex, int status, CountDownLatch closing) {
            request = new HeldRequest(ex.method(), ex.path(), ex.rawQuery(), text(ex), phase, status, Instant.now());
            held.countDown();
            try {
                while (released.getCount() > 0 && closing.getCount() > 0) {
                    released.await(50, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The request body as text, gunzipped when it came with {@code Content-Encoding: gzip} (QuickBooks's devkit). */
    static String text(SimExchange ex) {
        String encoding = ex.header("Content-Encoding");
        if (encoding == null || !encoding.toLowerCase(java.util.Locale.ROOT).contains("gzip") || ex.bodyBytes().length == 0) {
            return ex.body();
        }
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(
                new java.io.ByteArrayInputStream(ex.bodyBytes()))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return ex.body();
        }
    }

    private final AtomicInteger ids = new AtomicInteger();
    private final List<Hold> armed = new ArrayList<>();
    private final Map<Integer, Hold> all = new LinkedHashMap<>();

    /**
     * Arms a hold on the next request with {@code method} ({@code null} = any) whose path matches {@code pathRegex}
     * ({@code find}).
     */
    public synchronized Hold hold(String method, String pathRegex, Phase phase) {
        Hold h = new Hold(ids.incrementAndGet(), method, pathRegex, phase);
        armed.add(h);
        all.put(h.id, h);
        return h;
    }

    /** A hold by id. */
    public synchronized Optional<Hold> get(int id) {
        return Optional.ofNullable(all.get(id));
    }

    /** Every hold armed so far. */
    public synchronized List<Map<String, Object>> describe() {
        return all.values().stream().map(Hold::describe).toList();
    }

    /** Releases every hold and disarms those that caught nothing. */
    public synchronized void releaseAll() {
        armed.clear();
        all.values().forEach(Hold::release);
    }

    /**
     * Called when a request arrives: a {@link Phase#BEFORE_APPLY} hold parks it here; an {@link Phase#AFTER_APPLY}
     * hold parks it when its response is about to be sent.
     */
    void arrived(SimExchange ex, CountDownLatch closing) {
        Hold h = take(ex);
        if (h == null) {
            return;
        }
        if (h.phase == Phase.BEFORE_APPLY) {
            h.park(ex, 0, closing);
        } else {
            ex.beforeSend(status -> {
                if (status >= 200 && status < 300) {
                    h.park(ex, status, closing);
                } else {
                    rearm(h); // refused (a fault, a throttle, a validation error): nothing was applied
                }
            });
        }
    }

    private synchronized void rearm(Hold h) {
        if (h.released.getCount() > 0) {
            armed.add(0, h);
        }
    }

    private synchronized Hold take(SimExchange ex) {
        for (Hold h : armed) {
            if (h.matches(ex)) {
                armed.remove(h);
                return h;
            }
        }
        return null;
    }
}
