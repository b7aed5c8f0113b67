package org.matterhub.connectors.xero;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JavaType;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.HttpResponseException;
import com.xero.api.ApiClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.matterhub.connectors.kernel.HttpHeaderNames;
import org.matterhub.connectors.kernel.OAuthTokenSet;
import org.matterhub.connectors.kernel.RetryAfter;
import org.matterhub.connectors.kernel.TimeSource;
import org.matterhub.connectors.kernel.TokenSession;
import org.matterhub.connectors.kernel.VendorHttpException;
import org.matterhub.connectors.kernel.VendorIoException;
import org.matterhub.connectors.kernel.VendorResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.matterhub.connectors.xero.XeroClient.VENDOR;

/**
 * One exchange of {@link XeroClient} with Xero through the SDK: the organisation's {@link XeroThrottle} around each
 * call (a concurrency slot, then a minute permit; nothing while the day is parked), Xero's limit headers fed back,
 * one token refresh on 401, and the failure statuses mapped to the connector's exceptions (see {@link XeroClient}).
 * Package-private; thread-safe.
 */
final class XeroSdkExchange {

    private static final Logger log = LoggerFactory.getLogger(XeroSdkExchange.class);
    private static final Duration DEFAULT_MINUTE_PAUSE = Duration.ofSeconds(60);
    private static final Duration DEFAULT_DAY_PAUSE = Duration.ofHours(1);

    private final XeroProperties properties;
    private final String tenant;
    private final XeroThrottle throttle;
    private final TimeSource time;
    private final TokenSession<OAuthTokenSet> session;

    XeroSdkExchange(XeroProperties properties, String tenant, XeroThrottle throttle, TimeSource time,
                    TokenSession<OAuthTokenSet> session) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.time = Objects.requireNonNull(time, "time");
        this.session = Objects.requireNonNull(session, "session");
    }

    /** Reads a 2xx body into {@code type} with the SDK client's mapper, then frees the throttle permit. */
    <T> T read(Outcome o, JavaType type, ApiClient client, String method, String path) {
        HttpResponse r = o.response();
        byte[] bytes;
        try (InputStream in = r.getContent()) {
            bytes = in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            throw io(method, path, e);
        } finally {
            o.release();
        }
        int status = r.getStatusCode();
        if (bytes.length == 0) {
            throw new VendorResponseException(VENDOR, method, path, status, VendorResponseException.Kind.MALFORMED, null);
        }
        try {
            T value = client.getObjectMapper().readValue(bytes, type);
            if (value == null) {
                throw new VendorResponseException(VENDOR, method, path, status,
                        VendorResponseException.Kind.UNEXPECTED_SHAPE, null);
            }
            return value;
        } catch (JsonParseException e) {
            throw new VendorResponseException(VENDOR, method, path, status, VendorResponseException.Kind.MALFORMED, e);
        } catch (IOException e) {
            throw new VendorResponseException(VENDOR, method, path, status,
                    VendorResponseException.Kind.UNEXPECTED_SHAPE, e);
        }
    }

    /** One SDK call with a given access token; returns the raw response or throws the SDK transport's exceptions. */
    @FunctionalInterface
    interface SdkCall {
        HttpResponse execute(String accessToken) throws IOException;
    }

    /** A 2xx response and the throttle permit it holds until the body is read (none for identity calls). */
    record Outcome(HttpResponse response, XeroThrottle.Permit permit) {

        void release() {
            if (permit != null) {
                permit.close();
            }
        }

        void discard() {
            try {
                response.disconnect();
            } catch (IOException ignored) {
                // best effort
            } finally {
                release();
            }
        }
    }

    /** A non-2xx answer, already read. */
    private record Failure(int status, HttpHeaders headers, String body) {
    }

    Outcome exchangeWithRefresh(String method, String path, boolean accounting, SdkCall call) {
        OAuthTokenSet current = session.current(method, path);
        Object first = send(method, path, accounting, call, current.accessToken());
        if (first instanceof Failure f && f.status() == 401) {
            log.debug("xero {} {} answered 401; refreshing the access token (single-flight)", method, path);
            OAuthTokenSet fresh = session.refreshReplacing(current.accessToken(), method, path);
            Object second = send(method, path, accounting, call, fresh.accessToken());
            if (second instanceof Failure f2 && f2.status() == 401) {
                XeroJson.ErrorBody error = XeroJson.error(f2.body());
                throw new XeroReauthorizationRequiredException(method, path, 401, error.type(), error.message());
            }
            first = second;
        }
        if (first instanceof Failure f) {
            throw failure(method, path, f);
        }
        return (Outcome) first;
    }

    /** Sends once under the throttle; an {@link Outcome} on 2xx, a {@link Failure} otherwise. */
    private Object send(String method, String path, boolean accounting, SdkCall call, String accessToken) {
        XeroThrottle.Permit permit = null;
        if (accounting) {
            refuseWhileParked(method, path);
            try {
                permit = throttle.acquire(properties.maxPermitWait());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VendorIoException(VENDOR, method, path, false, e);
            }
            try {
                refuseWhileParked(method, path);   // another caller may have hit the day limit while this one waited
            } catch (XeroDailyLimitException e) {
                permit.close();
                throw e;
            }
        }
        try {
            HttpResponse response = call.execute(accessToken);
            if (accounting) {
                throttle.observe(limitHeaders(response.getHeaders()));
            }
            return new Outcome(response, permit);
        } catch (HttpResponseException e) {
            if (permit != null) {
                permit.close();
            }
            if (accounting) {
                throttle.observe(limitHeaders(e.getHeaders()));
            }
            return new Failure(e.getStatusCode(), e.getHeaders(), e.getContent());
        } catch (IOException | RuntimeException e) {
            if (permit != null) {
                permit.close();
            }
            if (e instanceof IOException io) {
                throw io(method, path, io);
            }
            throw new VendorIoException(VENDOR, method, path, false, e);
        }
    }

    private void refuseWhileParked(String method, String path) {
        Optional<Instant> parked = throttle.dailyLimitResetAt();
        if (parked.isPresent()) {
            throw new XeroDailyLimitException(method, path, parked.get(), Duration.between(time.now(), parked.get()),
                    false, null);
        }
    }

    private RuntimeException failure(String method, String path, Failure f) {
        XeroJson.ErrorBody error = XeroJson.error(f.body());
        Instant now = time.now();
        Optional<Duration> retryAfter = Optional.ofNullable(header(f.headers(), HttpHeaderNames.RETRY_AFTER))
                .flatMap(v -> RetryAfter.parse(v, now));
        switch (f.status()) {
            case 400:
                return new XeroValidationException(method, path, error.type(), error.validationErrors(), error.message());
            case 403:
                return new XeroReauthorizationRequiredException(method, path, 403, error.type(), error.message());
            case 404:
                return new XeroNotFoundException(method, path, error.type(), error.message());
            case 429: {
                String problem = header(f.headers(), XeroHeaders.RATE_LIMIT_PROBLEM);
                if (XeroHeaders.RateLimitProblem.DAY.is(problem)) {
                    Duration wait = retryAfter.orElse(DEFAULT_DAY_PAUSE);
                    Instant resetAt = now.plus(wait);
                    throttle.park(resetAt);
                    log.warn("xero daily limit reached for organisation {}; parked until {}", tenant, resetAt);
                    return new XeroDailyLimitException(method, path, resetAt, wait, true, error.message());
                }
                throttle.pauseUntil(now.plus(retryAfter.orElse(DEFAULT_MINUTE_PAUSE)));
                return new VendorHttpException(VENDOR, method, path, 429, retryAfter,
                        problem == null ? null : problem.toLowerCase(Locale.ROOT), error.message());
            }
            default:
                return new VendorHttpException(VENDOR, method, path, f.status(), retryAfter, error.type(),
                        error.message());
        }
    }

    private XeroLimitHeaders limitHeaders(HttpHeaders headers) {
        if (headers == null) {
            return null;
        }
        return new XeroLimitHeaders(intHeader(headers, XeroHeaders.MIN_LIMIT_REMAINING),
                intHeader(headers, XeroHeaders.DAY_LIMIT_REMAINING),
                intHeader(headers, XeroHeaders.APP_MIN_LIMIT_REMAINING), time.now());
    }

    private static Integer intHeader(HttpHeaders headers, String name) {
        String v = header(headers, name);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String header(HttpHeaders headers, String name) {
        return headers == null ? null : headers.getFirstHeaderStringValue(name);
    }

    static VendorIoException io(String method, String path, IOException e) {
        return new VendorIoException(VENDOR, method, path, e instanceof SocketTimeoutException, e);
    }
}
