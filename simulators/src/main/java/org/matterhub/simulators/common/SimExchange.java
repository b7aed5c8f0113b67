package org.matterhub.simulators.common;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request/response on a {@link SimHttpServer}: the request read up-front (body as UTF-8 text),
 * and response helpers that honour the "malform" and "drop" switches set by fault injection, so
 * handlers need not know about faults.
 */
public final class SimExchange {

    /** Body sent by {@link FaultKind#MALFORMED_BODY}: claims to be JSON, is not. */
    public static final String GARBAGE_BODY = "{\"data\":[{\"id\":<<<garbled upstream response>>> \u0000";

    private final HttpExchange exchange;
    private final String method;
    private final String path;
    private final String rawQuery;
    private final Map<String, List<String>> query;
    private final String body;
    private final byte[] bodyBytes;
    private final Instant receivedAt;
    private boolean malformOnSend;
    private boolean dropOnSend;
    private boolean finished;
    private int status;
    private java.util.function.Consumer<SimExchange> recorder;
    private boolean recorded;
    private java.util.function.IntConsumer beforeSend;

    SimExchange(HttpExchange exchange, Instant receivedAt) throws IOException {
        this.exchange = exchange;
        this.receivedAt = receivedAt;
        this.method = exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
        this.path = exchange.getRequestURI().getRawPath();
        this.rawQuery = exchange.getRequestURI().getRawQuery();
        this.query = parseForm(rawQuery);
        this.bodyBytes = exchange.getRequestBody().readAllBytes();
        this.body = new String(bodyBytes, StandardCharsets.UTF_8);
    }

    public String method() {
        return method;
    }

    /** Raw (still percent-encoded) path without query. */
    public String path() {
        return path;
    }

    public String rawQuery() {
        return rawQuery;
    }

    /** Decoded query parameters in order of appearance. */
    public Map<String, List<String>> query() {
        return query;
    }

    /** First value of a query parameter, or {@code null}. */
    public String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String body() {
        return body;
    }

    /** The request body exactly as received (for binary uploads); do not modify the array. */
    public byte[] bodyBytes() {
        return bodyBytes;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    /** First value of a request header (case-insensitive), or {@code null}. */
    public String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    public Map<String, List<String>> requestHeaders() {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }

    public boolean fromLoopback() {
        return exchange.getRemoteAddress().getAddress().isLoopbackAddress();
    }

    /** Sets (replaces) a response header. */
    public SimExchange responseHeader(String name, String value) {
        exchange.getResponseHeaders().set(name, value);
        return this;
    }

    /** When set, a later 2xx response with a body is replaced by {@link #GARBAGE_BODY}. */
    public void malformOnSend() {
        this.malformOnSend = true;
    }

    /** When set, a later response is not sent; the connection is closed instead. */
    public void dropOnSend() {
        this.dropOnSend = true;
    }

    /**
     * Runs {@code action} with the status once, just before the response (or its drop) goes out: a
     * {@link RequestHolds} latch after the vendor applied the request.
     */
    void beforeSend(java.util.function.IntConsumer action) {
        this.beforeSend = action;
    }

    private void runBeforeSend(int status) {
        java.util.function.IntConsumer action = beforeSend;
        beforeSend = null;
        if (action != null) {
            action.accept(status);
        }
    }

    public boolean finished() {
        return finished;
    }

    /** Status sent, or 0 when nothing was sent (yet, or ever). */
    public int status() {
        return status;
    }

    public void sendJson(int status, Object json) {
        send(status, "application/json; charset=utf-8", Json.writeBytes(json));
    }

    public void sendText(int status, String text) {
        send(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a response without a body (e.g. 204, 302, 304). */
    public void sendEmpty(int status) {
        send(status, null, new byte[0]);
    }

    /**
     * Streams {@code length} bytes of {@code source} starting at {@code offset}, in chunks, without
     * copying the slice (for file downloads and {@code Range} answers). Honours the drop and malform
     * switches like {@link #send}. Headers such as {@code Content-Range} must be set before.
     */
    public void sendSlice(int status, String contentType, byte[] source, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > source.length) {
            throw new IllegalArgumentException("slice out of bounds");
        }
        if (finished) {
            throw new IllegalStateException("response already sent");
        }
        runBeforeSend(status);
        if (dropOnSend || (malformOnSend && status >= 200 && status < 300) || length == 0) {
            send(status, contentType, java.util.Arrays.copyOfRange(source, offset, offset + length));
            return;
        }
        boolean noBody = "HEAD".equals(method);
        respond(status, contentType, noBody ? -1 : length, out -> {
            int chunk = 64 * 1024;
            for (int pos = offset; pos < offset + length; pos += chunk) {
                out.write(source, pos, Math.min(chunk, offset + length - pos));
            }
        });
    }

    public void send(int status, String contentType, byte[] bytes) {
        if (finished) {
            throw new IllegalStateException("response already sent");
        }
        runBeforeSend(status);
        if (dropOnSend) {
            drop();
            return;
        }
        if (malformOnSend && status >= 200 && status < 300) {
            status = 200;
            contentType = "application/json; charset=utf-8";
            bytes = GARBAGE_BODY.getBytes(StandardCharsets.UTF_8);
        }
        boolean noBody = bytes.length == 0 || status == 204 || status == 304 || "HEAD".equals(method);
        byte[] body = bytes;
        respond(status, contentType, noBody ? -1 : bytes.length, out -> out.write(body));
    }

    /** Writes a response body. */
    private interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Sends the status line and headers, then the body unless {@code length} is -1 (no body), and closes the
     * exchange. The request is recorded before the client can see the answer, so requests() is consistent with what
     * it saw. A client that went away is nothing to do.
     */
    private void respond(int status, String contentType, long length, BodyWriter body) {
        finished = true;
        this.status = status;
        recordNow();
        try {
            if (contentType != null) {
                exchange.getResponseHeaders().set("Content-Type", contentType);
            }
            exchange.sendResponseHeaders(status, length);
            if (length != -1) {
                try (OutputStream out = exchange.getResponseBody()) {
                    body.write(out);
                }
            }
        } catch (IOException e) {
            // client went away; nothing to do
        } finally {
            exchange.close();
        }
    }

    /** Closes the connection without sending any response. */
    public void drop() {
        if (finished) {
            return;
        }
        finished = true;
        status = 0;
        recordNow();
        // Closing an exchange whose headers were never sent closes the underlying connection.
        exchange.close();
    }

    void recorder(java.util.function.Consumer<SimExchange> recorder) {
        this.recorder = recorder;
    }

    /**
     * Records this request now, with the status sent so far (0 if none), instead of when it finishes.
     * Used for requests that will be held for a long time (TIMEOUT faults). Idempotent.
     */
    public synchronized void recordNow() {
        if (recorder != null && !recorded) {
            recorded = true;
            recorder.accept(this);
        }
    }

    /** Decodes {@code application/x-www-form-urlencoded} text (also used for query strings). */
    public static Map<String, List<String>> parseForm(String text) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }
}
