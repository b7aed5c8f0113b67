package org.matterhub.connectors.kernel;

import java.time.Duration;
import java.util.Optional;

/**
 * A vendor's policy for failures: one implementation per vendor, unit-tested as a table. Routes call it
 * from their error handler and never inspect HTTP statuses themselves.
 */
public interface ErrorClassifier {

    /** Classifies {@code t}; unknown throwables (bugs) are {@link ErrorClass#PERMANENT}. */
    ErrorClass classify(Throwable t);

    /** The minimum wait the vendor asked for before the next attempt, if any. */
    Optional<Duration> retryAfter(Throwable t);
}
