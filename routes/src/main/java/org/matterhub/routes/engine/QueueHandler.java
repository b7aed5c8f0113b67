package org.matterhub.routes.engine;

import org.matterhub.connectors.kernel.ErrorClassifier;

/**
 * A {@link WorkHandler} whose key (the outbox kind or inbox vendor it serves) and error classifier are fixed when it
 * is made.
 */
public abstract class QueueHandler<T> implements WorkHandler<T> {

    private final String key;
    private final ErrorClassifier classifier;

    protected QueueHandler(String key, ErrorClassifier classifier) {
        this.key = key;
        this.classifier = classifier;
    }

    @Override
    public final String key() {
        return key;
    }

    @Override
    public final ErrorClassifier classifier() {
        return classifier;
    }
}
