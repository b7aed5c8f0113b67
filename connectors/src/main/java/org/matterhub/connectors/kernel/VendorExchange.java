package org.matterhub.connectors.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP exchange with a vendor's API over {@code java.net.http}, the pipeline the plain-HTTP connectors (Clio,
 * iManage, NetDocuments) share. Per request it:
 * <ol>
 *   <li>takes the access token from the connection's {@link TokenSession} (refreshed ahead of expiry);</li>
 *   <li>waits for a permit of the connection's {@link RateLimiter} (at most the request timeout, else
 *       {@link RateLimitTimeoutException});</li>
 *   <li>sends the token in the vendor's header, the vendor's fixed headers, {@code Accept} (JSON unless the call
 *       says otherwise), the call's headers and the body, streamed from its {@link RequestBody};</li>
 *   <li>hands every response's headers to the vendor's observer (Clio's {@code X-RateLimit-*});</li>
 *   <li>on <b>401</b> refreshes the token once for all threads and sends again, unless the body cannot be re-read
 *       ({@link VendorIoException}, retriable); a second 401 is the vendor's re-authorisation exception;</li>
 *   <li>classifies the status: 2xx is returned; a status the vendor maps (404, Clio's 412) throws its exception;
 *       429 pauses the limiter until {@code Retry-After} (60 s when absent) and throws {@link VendorHttpException}
 *       with it, as does every other status. Error bodies are read up to 64 KiB and never logged whole.</li>
 * </ol>
 * Transport failures, including a connection dropped before the response and an interrupted wait, are
 * {@link VendorIoException} ({@link VendorIoException#isTimeout()} for timeouts). The exchange never retries
 * otherwise. Downloads stream the response, with {@code Range} requests and a client-side cut when the server
 * ignores {@code Range}. Thread-safe.
 *
 * @param <T> the vendor's token record
 */
public final class VendorExchange<T extends OAuthTokens> {

    /** Builds the exception a vendor throws for one HTTP status (404 not found, Clio's 412). */
    @FunctionalInterface
    public interface StatusException {
        RuntimeException of(String method, String path, String errorCode, String message);
    }

    private static final Logger log = LoggerFactory.getLogger(VendorExchange.class);
    private static final Duration DEFAULT_429_PAUSE = Duration.ofSeconds(60);
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final String vendor;
    private final HttpClient http;
    private final RateLimiter rateLimiter;
    private final Clock clock;
    private final Duration timeout;
    private final VendorJson json;
    private final TokenSession<T> session;
    private final TokenSession.Reauthorization reauthorization;
    private final String authHeader;
    private final String authPrefix;
    private final Map<String, String> fixedHeaders;
    private final Map<Integer, StatusException> statusExceptions;
    private final Consumer<HttpHeaders> observer;

    private VendorExchange(Builder<T> b) {
        this.vendor = b.vendor;
        this.http = b.http;
        this.rateLimiter = b.rateLimiter;
        this.clock = b.clock;
        this.timeout = Objects.requireNonNull(b.timeout, "timeout");
        this.json = Objects.requireNonNull(b.json, "json");
        this.reauthorization = Objects.requireNonNull(b.reauthorization, "reauthorization");
        this.session = new TokenSession<>(vendor, Objects.requireNonNull(b.load, "tokens"), b.save, b.refresh,
                reauthorization, clock, b.refreshAhead);
        this.authHeader = Objects.requireNonNull(b.authHeader, "authorization");
        this.authPrefix = b.authPrefix;
        this.fixedHeaders = Map.copyOf(b.fixedHeaders);
        this.statusExceptions = Map.copyOf(b.statusExceptions);
        this.observer = b.observer;
    }

    /**
     * Starts an exchange for one connection. It shares the vendor's OAuth client's HTTP client, clock, vendor name
     * and request timeout; the OAuth client refreshes the tokens that {@code tokens} keeps (see
     * {@link TokenSession}), and its "re-authorise" exception reports a lost grant or a second 401. {@code json}
     * decodes the vendor's bodies and reads its error bodies.
     */
    public static <T extends OAuthTokens> Builder<T> connection(OAuthClient<T> oauth, TokenStore<T> tokens,
                                                                RateLimiter rateLimiter, VendorJson json) {
        OAuthTokenEndpoint endpoint = oauth.endpoint();
        Builder<T> b = new Builder<>(endpoint.vendor(), endpoint.http(), rateLimiter, endpoint.clock());
        b.json = Objects.requireNonNull(json, "json");
        b.timeout = endpoint.timeout();
        b.load = Objects.requireNonNull(tokens, "tokens")::load;
        b.save = tokens::save;
        b.refresh = oauth::refresh;
        OAuthTokenEndpoint.Reauthorization reauthorization = endpoint.reauthorization();
        b.reauthorization = (method, path, code, message) -> reauthorization.required(method, path, 401, code, message);
        return b;
    }

    /** The vendor's JSON reader. */
    public VendorJson json() {
        return json;
    }

    /** Sends a request without a body or extra headers and returns its JSON body; exceptions name the URI's path. */
    public JsonResponse get(URI uri) {
        return call("GET", uri, uri.getPath(), null, Map.of());
    }

    /** Sends {@code body} with {@code method} and returns the JSON answer; exceptions name the URI's path. */
    public JsonResponse send(String method, URI uri, RequestBody body) {
        return call(method, uri, uri.getPath(), body, Map.of());
    }

    /**
     * Sends, classifies the status and reads the whole (JSON) body of the 2xx answer.
     *
     * @param path    the path named in exceptions and logs
     * @param body    the request body, or null
     * @param headers the call's own headers (they may replace {@code Accept})
     */
    public JsonResponse call(String method, URI uri, String path, RequestBody body, Map<String, String> headers) {
        HttpResponse<InputStream> r = open(method, uri, path, body, headers);
        try (InputStream in = r.body()) {
            return new JsonResponse(json, method, path, r.statusCode(), in.readAllBytes());
        } catch (IOException e) {
            throw new VendorIoException(vendor, method, path, e instanceof HttpTimeoutException, e);
        }
    }

    /**
     * Streams a GET's bytes, or one range of them ({@code range} null = everything). The caller closes the returned
     * download; nothing is buffered. When the server ignores {@code Range} (200), the stream is cut here so that it
     * yields exactly the requested bytes.
     *
     * @throws VendorHttpException 416 when the range starts beyond the end
     */
    public ContentDownload download(URI uri, String path, ByteRange range) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HttpHeaderNames.ACCEPT, "*/*");
        if (range != null) {
            headers.put(HttpHeaderNames.RANGE, range.headerValue());
        }
        HttpResponse<InputStream> r = open("GET", uri, path, null, headers);
        try {
            return toDownload(r, range, path);
        } catch (IOException e) {
            closeQuietly(r.body());
            throw new VendorIoException(vendor, "GET", path, false, e);
        } catch (RuntimeException e) {
            closeQuietly(r.body());
            throw e;
        }
    }

    /** Sends and classifies the status; returns the 2xx response with its body still to read (and close). */
    public HttpResponse<InputStream> open(String method, URI uri, String path, RequestBody body,
                                          Map<String, String> headers) {
        HttpResponse<InputStream> response = exchange(method, uri, path, body, headers);
        check(method, path, response);
        return response;
    }

    private HttpResponse<InputStream> exchange(String method, URI uri, String path, RequestBody body,
                                               Map<String, String> headers) {
        T current = session.current(method, path);
        HttpResponse<InputStream> response = send(method, uri, path, body, headers, current.accessToken());
        if (response.statusCode() == 401) {
            drain(response);
            log.debug("{} {} {} answered 401; refreshing the access token (single-flight)", vendor, method, path);
            T fresh = session.refreshReplacing(current.accessToken(), method, path);
            if (body != null && !body.replayable()) {
                throw new VendorIoException(vendor, method, path, false, new IllegalStateException(
                        "the access token was refreshed but the upload stream cannot be sent again"));
            }
            response = send(method, uri, path, body, headers, fresh.accessToken());
            if (response.statusCode() == 401) {
                VendorJson.ErrorBody error = json.error(drain(response));
                throw reauthorization.required(method, path, error.code(), error.message());
            }
        }
        return response;
    }

    private HttpResponse<InputStream> send(String method, URI uri, String path, RequestBody body,
                                           Map<String, String> headers, String accessToken) {
        try {
            rateLimiter.acquire(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VendorIoException(vendor, method, path, false, e);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header(authHeader, authPrefix + accessToken);
        fixedHeaders.forEach(b::header);
        if (!headers.containsKey(HttpHeaderNames.ACCEPT)) {
            b.header(HttpHeaderNames.ACCEPT, RequestBody.JSON);
        }
        headers.forEach(b::header);
        if (body != null) {
            b.header(HttpHeaderNames.CONTENT_TYPE, body.contentType());
            b.method(method, body.publisher().get());
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new VendorIoException(vendor, method, path, true, e);
        } catch (IOException | UncheckedIOException e) {
            throw new VendorIoException(vendor, method, path, false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VendorIoException(vendor, method, path, false, e);
        }
        if (observer != null) {
            observer.accept(response.headers());
        }
        return response;
    }

    private void check(String method, String path, HttpResponse<InputStream> response) {
        int status = response.statusCode();
        if (status / 100 == 2) {
            return;
        }
        VendorJson.ErrorBody error = json.error(drain(response));
        StatusException special = statusExceptions.get(status);
        if (special != null) {
            throw special.of(method, path, error.code(), error.message());
        }
        Instant now = clock.instant();
        Optional<Duration> retryAfter = response.headers().firstValue(HttpHeaderNames.RETRY_AFTER)
                .flatMap(v -> RetryAfter.parse(v, now));
        if (status == 429) {
            rateLimiter.pauseUntil(now.plus(retryAfter.orElse(DEFAULT_429_PAUSE)));
        }
        throw new VendorHttpException(vendor, method, path, status, retryAfter, error.code(), error.message());
    }

    private ContentDownload toDownload(HttpResponse<InputStream> r, ByteRange range, String path) throws IOException {
        HttpHeaders h = r.headers();
        String contentType = h.firstValue(HttpHeaderNames.CONTENT_TYPE).orElse(null);
        String fileName = ContentDownload.fileNameOf(h.firstValue(HttpHeaderNames.CONTENT_DISPOSITION).orElse(null));
        OptionalLong length = h.firstValueAsLong(HttpHeaderNames.CONTENT_LENGTH);
        if (r.statusCode() == 206) {
            ByteRange.Served served = ByteRange.Served.parse(h.firstValue(HttpHeaderNames.CONTENT_RANGE).orElse(null))
                    .orElse(null);
            return new ContentDownload(r.body(), 206, length, contentType, fileName, served);
        }
        if (range == null || r.statusCode() != 200) {
            return new ContentDownload(r.body(), r.statusCode(), length, contentType, fileName, null);
        }
        long first = range.first();
        if (range.isSuffix()) {
            if (length.isEmpty()) {
                throw json.shape("GET", path, 200, null);
            }
            first = Math.max(0, length.getAsLong() + range.first());
        }
        long limit = range.length().orElse(-1L);
        InputStream sliced = ContentDownload.slice(r.body(), first, limit);
        OptionalLong slicedLength = OptionalLong.empty();
        if (length.isPresent()) {
            long remaining = Math.max(0, length.getAsLong() - first);
            slicedLength = OptionalLong.of(limit < 0 ? remaining : Math.min(limit, remaining));
        }
        return new ContentDownload(sliced, 200, slicedLength, contentType, fileName, null);
    }

    /** Reads at most 64 KiB of an error body and closes the stream. */
    private static byte[] drain(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            return in.readNBytes(MAX_ERROR_BODY);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** What differs between vendors: how they authenticate, read errors and name statuses. */
    public static final class Builder<T extends OAuthTokens> {

        private final String vendor;
        private final HttpClient http;
        private final RateLimiter rateLimiter;
        private final Clock clock;
        private Duration timeout;
        private VendorJson json;
        private Supplier<T> load;
        private Consumer<T> save;
        private Function<String, T> refresh;
        private TokenSession.Reauthorization reauthorization;
        private Duration refreshAhead = Duration.ofMinutes(1);
        private String authHeader;
        private String authPrefix = "";
        private final Map<String, String> fixedHeaders = new LinkedHashMap<>();
        private final Map<Integer, StatusException> statusExceptions = new LinkedHashMap<>();
        private Consumer<HttpHeaders> observer;

        private Builder(String vendor, HttpClient http, RateLimiter rateLimiter, Clock clock) {
            this.vendor = Objects.requireNonNull(vendor, "vendor");
            this.http = Objects.requireNonNull(http, "http");
            this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        /** {@code Authorization: Bearer <token>}. */
        public Builder<T> bearer() {
            return tokenHeader(HttpHeaderNames.AUTHORIZATION, "Bearer ");
        }

        /** The token in header {@code name}, after {@code prefix} (e.g. iManage's bare {@code X-Auth-Token}). */
        public Builder<T> tokenHeader(String name, String prefix) {
            this.authHeader = name;
            this.authPrefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /** A header sent on every request (e.g. Clio's {@code X-API-VERSION}). */
        public Builder<T> header(String name, String value) {
            fixedHeaders.put(name, value);
            return this;
        }

        /** The exception that an answer of {@code status} throws instead of {@link VendorHttpException}. */
        public Builder<T> onStatus(int status, StatusException exception) {
            statusExceptions.put(status, exception);
            return this;
        }

        /** Sees the headers of every response (e.g. to feed rate-limit headers back into the limiter). */
        public Builder<T> observe(Consumer<HttpHeaders> observer) {
            this.observer = observer;
            return this;
        }

        public VendorExchange<T> build() {
            return new VendorExchange<>(this);
        }
    }
}
