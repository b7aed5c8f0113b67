package org.matterhub.routes.documents.imanage;

import java.util.Map;
import org.matterhub.connectors.imanage.ImanageClient;
import org.matterhub.connectors.imanage.ImanageDocument;
import org.matterhub.routes.documents.DecisionTexts;
import org.matterhub.routes.documents.DmsConnections;
import org.matterhub.routes.documents.DocumentDecision;
import org.matterhub.routes.documents.ProfileDecisionWriter;
import org.matterhub.store.model.DmsRepository.DmsDocument;
import org.springframework.stereotype.Component;

/**
 * Writes a client's decision into an iManage Work profile field, by default {@code comment} (a PATCH of the profile;
 * the simulator accepts {@code comment}, {@code name}, {@code class}, {@code author}, {@code custom1/2}). The
 * {@code comment} field is read first, so a decision already there (or a later one) is not written again.
 */
@Component
public class ImanageDecisionWriter extends ImanageAdapter implements ProfileDecisionWriter {

    private static final String COMMENT = "comment";

    private final ImanageClients clients;

    public ImanageDecisionWriter(ImanageClients clients) {
        this.clients = clients;
    }

    @Override
    public Outcome write(DmsConnections.Dms connection, DmsDocument profile, DocumentDecision decision, String text) {
        String field = connection.settings().decisionFieldOr(COMMENT);
        ImanageClient client = clients.client(connection.connection().firmId(), connection.connection().id());
        if (COMMENT.equals(field)) {
            ImanageDocument current = client.getDocument(profile.externalId());
            if (DecisionTexts.alreadyCurrent(current.comment(), decision)) {
                return Outcome.alreadyCurrent(field);
            }
        }
        client.updateProfile(profile.externalId(), Map.of(field, text));
        return Outcome.written(field);
    }
}
