package org.matterhub.connectors.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.intuit.ipp.core.Context;
import com.intuit.ipp.core.ServiceType;
import com.intuit.ipp.exception.FMSException;
import com.intuit.ipp.security.OAuth2Authorizer;
import com.intuit.ipp.services.DataService;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.matterhub.connectors.kernel.Backoff;
import org.matterhub.connectors.kernel.ErrorClass;
import org.matterhub.connectors.kernel.RateLimitTimeoutException;
import org.matterhub.connectors.kernel.RateLimiter;
import org.matterhub.connectors.kernel.RetryAfter;
import org.matterhub.connectors.kernel.TimeSource;
import org.matterhub.connectors.kernel.TokenSession;
import org.matterhub.connectors.kernel.VendorException;
import org.matterhub.connectors.kernel.VendorHttpException;
import org.matterhub.connectors.kernel.VendorIoException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.matterhub.connectors.quickbooks.QboClient.VENDOR;

/**
 * One call of {@link QboClient} through the devkit: the realm's rate-limit and concurrency permits, the per-thread
 * devkit settings, the token (one refresh on 401), the translation of faults, and the retries the client's
 * Javadoc describes. Package-private; thread-safe.
 */
final class QboDevkitExchange {

    private static final Logger log = LoggerFactory.getLogger(QboDevkitExchange.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final QboProperties properties;
    private final String realmId;
    private final RateLimiter rateLimiter;
    private final Semaphore concurrency;
    private final Clock clock;
    private final TimeSource time;
    private final QboDevkitConfig devkitConfig;
    private final TokenSession<QboTokens> session;
    private final QboErrorClassifier classifier = new QboErrorClassifier();

    QboDevkitExchange(QboProperties properties, String realmId, RateLimiter rateLimiter, Clock clock, TimeSource time,
                      TokenSession<QboTokens> session) {
        this.properties = properties;
        this.realmId = realmId;
        this.rateLimiter = rateLimiter;
        this.clock = clock;
        this.time = time;
        this.session = session;
        this.concurrency = new Semaphore(properties.maxConcurrent(), true);
        this.devkitConfig = new QboDevkitConfig(properties);
    }

    /** The realm's token session. */
    TokenSession<QboTokens> session() {
        return session;
    }

    /** Gives back the concurrency permit {@link #acquire} took. */
    void release() {
        concurrency.release();
    }

    @FunctionalInterface
    interface DevkitCall<T> {
        T run(DataService service) throws FMSException;
    }

    /**
     * Runs one devkit call: token, permits, per-thread devkit settings, translation of failures; a 401 refreshes
     * once; a 429 (and with {@code retryTransient} any retriable failure) is retried with backoff.
     */
    <T> T call(String method, String path, Consumer<Context> setup, DevkitCall<T> op, boolean retryTransient) {
        Backoff backoff = properties.backoff();
        boolean refreshed = false;
        for (int attempt = 1; ; ) {
            QboTokens tokens = session.current(method, path);
            try {
                return once(method, path, tokens, setup, op);
            } catch (QboReauthorizationRequiredException e) {
                throw e;
            } catch (VendorHttpException e) {
                if (e.status() == 401) {
                    if (refreshed) {
                        throw new QboReauthorizationRequiredException(method, path, 401, e.errorType(), e.bodyExcerpt());
                    }
                    log.debug("quickbooks {} {} answered 401; refreshing the access token", method, path);
                    session.refreshReplacing(tokens.accessToken(), method, path);
                    refreshed = true;
                    continue;
                }
                boolean throttled = e.status() == 429;
                if (!(throttled || (retryTransient && classifier.classify(e) == ErrorClass.RETRIABLE))
                        || attempt >= properties.maxAttempts()) {
                    throw e;
                }
                Duration delay = backoff.delay(attempt, e.retryAfter());
                if (throttled) {
                    throttled(delay);
                } else {
                    pause(delay, method, path);
                }
                log.info("quickbooks {} {} failed ({}), attempt {} of {}; retrying in {}", method, path,
                        e.status(), attempt, properties.maxAttempts(), delay);
                attempt++;
            } catch (VendorException e) {
                if (!retryTransient || classifier.classify(e) != ErrorClass.RETRIABLE
                        || attempt >= properties.maxAttempts()) {
                    throw e;
                }
                Duration delay = backoff.delay(attempt, Optional.empty());
                log.info("quickbooks {} {} failed ({}), attempt {} of {}; retrying in {}", method, path,
                        e.getClass().getSimpleName(), attempt, properties.maxAttempts(), delay);
                pause(delay, method, path);
                attempt++;
            }
        }
    }

    private <T> T once(String method, String path, QboTokens tokens, Consumer<Context> setup, DevkitCall<T> op) {
        acquire(method, path);
        try (QboDevkitConfig.Scope ignored = devkitConfig.apply()) {
            Context context = new Context(new OAuth2Authorizer(tokens.accessToken()), ServiceType.QBO, realmId);
            context.setMinorVersion(Integer.toString(properties.minorVersion()));
            context.setCustomerRequestTimeout((int) Math.min(Integer.MAX_VALUE, properties.requestTimeout().toMillis()));
            setup.accept(context);
            return op.run(new DataService(context));
        } catch (FMSException e) {
            throw QboFaults.translate(method, path, e);
        } finally {
            concurrency.release();
        }
    }

    /** A rate-limit permit, then a concurrency permit (released by the caller). */
    void acquire(String method, String path) {
        Duration maxWait = properties.requestTimeout();
        try {
            rateLimiter.acquire(maxWait);
            if (!concurrency.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new RateLimitTimeoutException("quickbooks:" + realmId + ":concurrency", maxWait, maxWait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VendorIoException(VENDOR, method, path, false, e);
        }
    }

    void throttled(Duration delay) {
        rateLimiter.pauseUntil(clock.instant().plus(delay));
    }

    private void pause(Duration delay, String method, String path) {
        try {
            time.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VendorIoException(VENDOR, method, path, false, e);
        }
    }

    /** {type, code, Message, Detail} of a JSON {@code Fault} envelope. */
    private static String[] jsonFault(byte[] body) throws IOException {
        JsonNode fault = MAPPER.readTree(body).path("Fault");
        JsonNode first = fault.path("Error").path(0);
        return new String[] {fault.path("type").asText(null), first.path("code").asText(null),
            first.path("Message").asText(null), first.path("Detail").asText(null)};
    }

    /**
     * A non-2xx answer of the direct (non-devkit) download, read like the devkit reads it. The download accepts only
     * {@code application/pdf}, so QBO describes a failure in XML ({@code <IntuitResponse><Fault>}); JSON is read too.
     */
    VendorException httpFailure(String method, String path, int status, byte[] body, String retryAfterHeader) {
        Optional<Duration> retryAfter = RetryAfter.parse(retryAfterHeader, clock.instant());
        String code = null;
        String message = null;
        String type = null;
        try {
            String[] fault = QboXmlFault.isXml(body) ? QboXmlFault.read(body) : jsonFault(body);
            type = fault[0];
            code = fault[1];
            String detail = fault[3];
            message = detail == null ? fault[2] : fault[2] == null ? detail : fault[2] + ": " + detail;
        } catch (IOException | RuntimeException notAFault) {
            // no fault body: the status decides
        }
        if (code != null && status != 429 && status != 401) {
            com.intuit.ipp.data.Error error = new com.intuit.ipp.data.Error();
            error.setCode(code);
            error.setMessage(message);
            VendorException translated = QboFaults.translate(method, path, new FMSException(List.of(error)));
            if (!(translated instanceof QboFaultException f) || f.status() != 400 || status < 500) {
                return translated;
            }
        }
        String strippedCode = code == null ? null : code.replaceFirst("^0+(?=.)", "");
        return new QboFaultException(method, path, status, retryAfter, type, strippedCode, message, null);
    }
}
