package org.matterhub.routes.documents;

import java.util.Set;
import org.matterhub.store.sync.OutboxEntry;

/**
 * Writes a client's decision on a document back to one kind of system of record, exactly once. Called by
 * {@link DocumentActionHandler} inside the outbox row's transaction, for the connection the row names.
 */
public interface DecisionWriter {

    /** The connection vendors this writer serves. */
    Set<String> vendors();

    void write(OutboxEntry entry, DocumentDecision decision) throws Exception;
}
