package org.matterhub.connectors.xero;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.matterhub.connectors.kernel.ErrorClass;
import org.matterhub.connectors.kernel.ErrorClassifier;
import org.matterhub.connectors.kernel.RateLimitTimeoutException;
import org.matterhub.connectors.kernel.VendorHttpException;
import org.matterhub.connectors.kernel.VendorIoException;
import org.matterhub.connectors.kernel.VendorResponseException;

/**
 * Xero's failure policy (VENDORS §5.6).
 *
 * <table>
 *   <caption>Classification</caption>
 *   <tr><th>failure</th><th>class</th></tr>
 *   <tr><td>I/O error, timeout, connection reset or dropped before the response ({@link VendorIoException})</td><td>RETRIABLE</td></tr>
 *   <tr><td>5xx, 408</td><td>RETRIABLE</td></tr>
 *   <tr><td>429 for the minute, the app minute or concurrency, honouring {@code Retry-After}</td><td>RETRIABLE</td></tr>
 *   <tr><td>no client-side permit within the deadline ({@link RateLimitTimeoutException})</td><td>RETRIABLE</td></tr>
 *   <tr><td>2xx whose body is not JSON ({@link VendorResponseException.Kind#MALFORMED})</td><td>RETRIABLE</td></tr>
 *   <tr><td>429 for the day ({@link XeroDailyLimitException}): wait until {@link XeroDailyLimitException#resetAt()}</td><td>QUOTA_EXHAUSTED</td></tr>
 *   <tr><td>{@link XeroReauthorizationRequiredException}, any 401 left after the refresh, 403</td><td>REAUTHORIZATION_REQUIRED</td></tr>
 *   <tr><td>400 validation ({@link XeroValidationException}, Xero's messages kept), 404 ({@link XeroNotFoundException}),
 *       other 4xx</td><td>PERMANENT</td></tr>
 *   <tr><td>2xx JSON of unexpected shape</td><td>PERMANENT</td></tr>
 *   <tr><td>anything else (a bug)</td><td>PERMANENT</td></tr>
 * </table>
 *
 * <p>Xero has no optimistic concurrency (no ETag), so nothing is {@link ErrorClass#CONFLICT}. A retriable failure
 * of a write is safe to retry only with the same {@code Idempotency-Key}; {@link XeroClient#createPayment} does so.
 */
public final class XeroErrorClassifier implements ErrorClassifier {

    private final Clock clock;

    public XeroErrorClassifier() {
        this(Clock.systemUTC());
    }

    /** @param clock used to turn a daily reset instant into a wait */
    public XeroErrorClassifier(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A used-up day waits for the quota window; other statuses as the table says (Xero has no 409/412). */
    @Override
    public ErrorClass classifyHttp(VendorHttpException e) {
        if (e instanceof XeroDailyLimitException) {
            return ErrorClass.QUOTA_EXHAUSTED;
        }
        ErrorClass byStatus = ErrorClassifier.byStatus(e.status());
        return byStatus == ErrorClass.CONFLICT ? ErrorClass.PERMANENT : byStatus;
    }

    /** Retry-After of a 429 or 503; for an exhausted day, the time left until the reset. */
    @Override
    public Optional<Duration> retryAfter(Throwable t) {
        Throwable e = ErrorClassifier.unwrap(t);
        if (e instanceof XeroDailyLimitException day) {
            Duration left = Duration.between(clock.instant(), day.resetAt());
            return Optional.of(left.isNegative() ? Duration.ZERO : left);
        }
        return ErrorClassifier.super.retryAfter(t);
    }
}
