package org.matterhub.connectors.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A vendor's policy for failures: one implementation per vendor, unit-tested as a table. Routes call it
 * from their error handler and never inspect HTTP statuses themselves.
 *
 * <p>Every vendor shares this table and adds to it only where its API differs, by overriding
 * {@link #classifyHttp} (how it reads an HTTP failure) or {@link #classify} (a failure of its own, read first):
 *
 * <table>
 *   <caption>The shared table</caption>
 *   <tr><th>failure</th><th>class</th></tr>
 *   <tr><td>a {@link ReauthorizationRequiredException} (lost grant, 401 after a refresh)</td>
 *       <td>REAUTHORIZATION_REQUIRED</td></tr>
 *   <tr><td>another {@link VendorHttpException}</td><td>{@link #classifyHttp}: by default {@link #byStatus}</td></tr>
 *   <tr><td>I/O error, timeout ({@link VendorIoException}, {@link IOException}, {@link UncheckedIOException})</td>
 *       <td>RETRIABLE</td></tr>
 *   <tr><td>no rate-limit permit within the deadline ({@link RateLimitTimeoutException})</td><td>RETRIABLE</td></tr>
 *   <tr><td>2xx whose body is not JSON ({@link VendorResponseException.Kind#MALFORMED})</td><td>RETRIABLE</td></tr>
 *   <tr><td>2xx JSON of unexpected shape; anything else (a bug)</td><td>PERMANENT</td></tr>
 * </table>
 */
public interface ErrorClassifier {

    /** Classifies {@code t} by the shared table; unknown throwables (bugs) are {@link ErrorClass#PERMANENT}. */
    default ErrorClass classify(Throwable t) {
        Throwable e = unwrap(t);
        if (e instanceof ReauthorizationRequiredException) {
            return ErrorClass.REAUTHORIZATION_REQUIRED;
        }
        if (e instanceof VendorHttpException http) {
            return classifyHttp(http);
        }
        if (e instanceof VendorIoException || e instanceof IOException || e instanceof UncheckedIOException
                || e instanceof RateLimitTimeoutException) {
            return ErrorClass.RETRIABLE;
        }
        if (e instanceof VendorResponseException response) {
            return response.kind() == VendorResponseException.Kind.MALFORMED ? ErrorClass.RETRIABLE
                    : ErrorClass.PERMANENT;
        }
        return ErrorClass.PERMANENT;
    }

    /** How the vendor reads an HTTP failure other than a lost grant; by default {@link #byStatus}. */
    default ErrorClass classifyHttp(VendorHttpException e) {
        return byStatus(e.status());
    }

    /**
     * The minimum wait the vendor asked for before the next attempt, if any: a response's {@code Retry-After}, or how
     * long the local rate limiter would have had to wait.
     */
    default Optional<Duration> retryAfter(Throwable t) {
        Throwable e = unwrap(t);
        if (e instanceof VendorHttpException http) {
            return http.retryAfter();
        }
        if (e instanceof RateLimitTimeoutException rl) {
            return Optional.of(rl.wouldWait());
        }
        return Optional.empty();
    }

    /**
     * What an HTTP status says when the vendor's body adds nothing: 5xx, 408 and 429 retriable, 401 and 403 a lost
     * grant, 409 and 412 a conflict, the rest permanent.
     */
    static ErrorClass byStatus(int status) {
        if (status >= 500 || status == 408 || status == 429) {
            return ErrorClass.RETRIABLE;
        }
        if (status == 401 || status == 403) {
            return ErrorClass.REAUTHORIZATION_REQUIRED;
        }
        if (status == 409 || status == 412) {
            return ErrorClass.CONFLICT;
        }
        return ErrorClass.PERMANENT;
    }

    /**
     * {@link #byStatus}, and 423 (Locked: a document checked out or in use for a moment) retriable, as document
     * systems answer it.
     */
    static ErrorClass byStatusWithLocks(int status) {
        return status == 423 ? ErrorClass.RETRIABLE : byStatus(status);
    }

    /** The failure inside an asynchronous call's wrappers ({@code CompletionException}, {@code ExecutionException}). */
    static Throwable unwrap(Throwable t) {
        Throwable e = t;
        int depth = 0;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null
                && depth++ < 10) {
            e = e.getCause();
        }
        return e;
    }
}
