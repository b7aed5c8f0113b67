package org.matterhub.connectors.quickbooks;

import com.intuit.ipp.exception.FMSException;
import org.matterhub.connectors.kernel.ErrorClass;
import org.matterhub.connectors.kernel.ErrorClassifier;
import org.matterhub.connectors.kernel.RateLimitTimeoutException;
import org.matterhub.connectors.kernel.VendorHttpException;
import org.matterhub.connectors.kernel.VendorIoException;
import org.matterhub.connectors.kernel.VendorResponseException;

/**
 * QuickBooks Online's failure policy, by fault code first and implied HTTP status second (VENDORS.md §4.6).
 * A devkit {@link FMSException} handed in directly is translated the way {@link QboClient} translates it: QBO's
 * {@code ValidationFault} arrives from the devkit as a plain {@code FMSException}, so its code decides.
 *
 * <table>
 *   <caption>Classification</caption>
 *   <tr><th>failure</th><th>class</th></tr>
 *   <tr><td>I/O error, timeout, connection closed before the response ({@link VendorIoException})</td><td>RETRIABLE</td></tr>
 *   <tr><td>429, fault code 3001 {@code ThrottleExceeded} (per-minute limit; honour Retry-After when given)</td><td>RETRIABLE</td></tr>
 *   <tr><td>5xx, {@code SystemFault} (code 10000 and up)</td><td>RETRIABLE</td></tr>
 *   <tr><td>no rate-limit or concurrency permit in time ({@link RateLimitTimeoutException})</td><td>RETRIABLE</td></tr>
 *   <tr><td>2xx body that is not JSON ({@link VendorResponseException.Kind#MALFORMED})</td><td>RETRIABLE</td></tr>
 *   <tr><td>{@link QboReauthorizationRequiredException}, code 3200 / 401, code 3100 / 403</td><td>REAUTHORIZATION_REQUIRED</td></tr>
 *   <tr><td>code 5010 stale SyncToken ({@link QboStaleObjectException}), 409, 412</td><td>CONFLICT</td></tr>
 *   <tr><td>code 6240 duplicate name, 610 not found, other {@code ValidationFault} codes, other 4xx</td><td>PERMANENT</td></tr>
 *   <tr><td>CDC look-back over 30 days ({@link QboCdcLookBackExceededException}), malformed webhook</td><td>PERMANENT</td></tr>
 *   <tr><td>2xx JSON of unexpected shape; anything else (a bug)</td><td>PERMANENT</td></tr>
 * </table>
 *
 * <p>QBO publishes no daily quota, so {@link ErrorClass#QUOTA_EXHAUSTED} is never returned.
 */
public final class QboErrorClassifier implements ErrorClassifier {

    @Override
    public ErrorClass classify(Throwable t) {
        Throwable e = ErrorClassifier.unwrap(t);
        return ErrorClassifier.super.classify(e instanceof FMSException f ? QboFaults.translate("?", "?", f) : e);
    }

    /** The fault code first, then the status. */
    @Override
    public ErrorClass classifyHttp(VendorHttpException e) {
        return classifyFault(e.errorType(), e.status());
    }

    private static ErrorClass classifyFault(String code, int status) {
        if (code != null) {
            switch (code) {
                case QboFaults.AUTHENTICATION_FAILED, QboFaults.AUTHORIZATION_FAILED -> {
                    return ErrorClass.REAUTHORIZATION_REQUIRED;
                }
                case QboFaults.THROTTLED -> {
                    return ErrorClass.RETRIABLE;
                }
                case QboFaults.STALE_OBJECT -> {
                    return ErrorClass.CONFLICT;
                }
                case QboFaults.DUPLICATE_NAME, QboFaults.NOT_FOUND -> {
                    return ErrorClass.PERMANENT;
                }
                default -> {
                    // the status decides
                }
            }
        }
        return ErrorClassifier.byStatus(status);
    }
}
