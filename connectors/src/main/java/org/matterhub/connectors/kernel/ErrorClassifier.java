package org.matterhub.connectors.kernel;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A vendor's policy for failures: one implementation per vendor, unit-tested as a table. Routes call it
 * from their error handler and never inspect HTTP statuses themselves.
 */
public interface ErrorClassifier {

    /** Classifies {@code t}; unknown throwables (bugs) are {@link ErrorClass#PERMANENT}. */
    ErrorClass classify(Throwable t);

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
