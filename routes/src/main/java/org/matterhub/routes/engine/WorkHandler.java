package org.matterhub.routes.engine;

import org.matterhub.connectors.kernel.ErrorClassifier;

/**
 * Does one unit of queued work (an outbox delivery or an inbox event) for one vendor. Runs inside the
 * transaction that holds the row's lock, bound to the row's firm.
 */
public interface WorkHandler<T> {

    /** The outbox kind or inbox vendor this handler serves. */
    String key();

    void handle(T entry) throws Exception;

    ErrorClassifier classifier();
}
