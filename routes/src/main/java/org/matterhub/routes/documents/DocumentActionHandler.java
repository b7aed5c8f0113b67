package org.matterhub.routes.documents;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.matterhub.portal.documents.DocumentsController;
import org.matterhub.routes.engine.QueueDrainer;
import org.matterhub.routes.engine.QueueHandler;
import org.matterhub.routes.engine.VendorErrorClassifier;
import org.matterhub.store.model.ConnectionRecord;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.sync.OutboxEntry;
import org.springframework.stereotype.Component;

/**
 * Delivers a client's decision on a document ({@code document.action} outbox rows: approve, request changes, close)
 * to the system of record the row's connection is: the document's DMS (iManage Work, NetDocuments: a profile field)
 * or the matter's practice-management system (Clio: a note on the matter). One handler for the kind, dispatching by
 * the connection's vendor to a {@link DecisionWriter}; each vendor's failures are classified by its own classifier.
 */
@Component
public class DocumentActionHandler extends QueueHandler<OutboxEntry> implements QueueDrainer.OutboxHandler {

    private final ConnectionRepository connections;
    private final Map<String, DecisionWriter> writers = new HashMap<>();

    public DocumentActionHandler(ConnectionRepository connections, List<DecisionWriter> writers,
                                 VendorErrorClassifier classifier) {
        super(DocumentsController.DOCUMENT_ACTION, classifier);
        this.connections = connections;
        for (DecisionWriter w : writers) {
            w.vendors().forEach(v -> this.writers.put(v, w));
        }
    }

    @Override
    public void handle(OutboxEntry entry) throws Exception {
        DocumentDecision decision = DocumentDecision.parse(entry.payload());
        ConnectionRecord connection = connections.find(entry.connectionId())
                .orElseThrow(() -> new IllegalStateException("Connection " + entry.connectionId() + " no longer exists"));
        DecisionWriter writer = writers.get(connection.vendor());
        if (writer == null) {
            throw new IllegalStateException("No write-back of client decisions to " + connection.vendor());
        }
        writer.write(entry, decision);
    }
}
