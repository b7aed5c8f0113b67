package org.matterhub.routes.documents.netdocuments;

import java.util.Map;
import java.util.Optional;
import org.matterhub.connectors.netdocuments.NetDocumentsClient;
import org.matterhub.routes.documents.DecisionTexts;
import org.matterhub.routes.documents.DmsConnections;
import org.matterhub.routes.documents.DocumentDecision;
import org.matterhub.routes.documents.ProfileDecisionWriter;
import org.matterhub.store.model.DmsRepository.DmsDocument;
import org.springframework.stereotype.Component;

/**
 * Writes a client's decision into a NetDocuments custom attribute, the number the connection's {@code decisionField}
 * names. It has no default (NetDocuments has no standard field for it), so without one the decision reaches only the
 * practice-management note and the skip is audited. The attribute is read first, so a decision already there (or a
 * later one) is not written again.
 */
@Component
public class NetDocumentsDecisionWriter extends NetDocumentsAdapter implements ProfileDecisionWriter {

    private final NetDocumentsClients clients;

    public NetDocumentsDecisionWriter(NetDocumentsClients clients) {
        this.clients = clients;
    }

    @Override
    public Outcome write(DmsConnections.Dms connection, DmsDocument profile, DocumentDecision decision, String text) {
        String field = connection.settings().decisionField();
        if (field == null) {
            return Outcome.skipped("no decisionField (NetDocuments custom attribute) is configured for the connection");
        }
        int attribute;
        try {
            attribute = Integer.parseInt(field);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("decisionField of a NetDocuments connection is an attribute number, not "
                    + field);
        }
        NetDocumentsClient client = clients.client(connection.connection().firmId(), connection.connection().id());
        Optional<String> current = client.getDocumentProfile(profile.externalId()).attribute(attribute);
        if (DecisionTexts.alreadyCurrent(current.orElse(null), decision)) {
            return Outcome.alreadyCurrent(field);
        }
        client.updateProfile(profile.externalId(), null, Map.of(attribute, text));
        return Outcome.written(field);
    }
}
