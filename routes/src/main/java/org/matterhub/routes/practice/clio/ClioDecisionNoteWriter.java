package org.matterhub.routes.practice.clio;

import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.matterhub.connectors.clio.ClioClient;
import org.matterhub.connectors.clio.ClioNote;
import org.matterhub.routes.documents.DecisionTexts;
import org.matterhub.routes.documents.DecisionWriter;
import org.matterhub.routes.documents.DocumentDecision;
import org.matterhub.store.audit.AuditLog;
import org.matterhub.store.model.PortalUserRepository;
import org.matterhub.store.sync.ExternalRef;
import org.matterhub.store.sync.ExternalRefRepository;
import org.matterhub.store.sync.OutboxEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records a client's decision on a document as a note on the matter in Clio ({@code POST /notes.json}, type
 * {@code Matter}). Clio has no idempotency key (VENDORS §0.3), so the note's detail ends with the decision's marker
 * and, before creating it, the matter's notes are searched for the action id ({@code query}); a retry after a lost
 * response finds the note and creates nothing.
 */
@Component
public class ClioDecisionNoteWriter implements DecisionWriter {

    private static final Logger log = LoggerFactory.getLogger(ClioDecisionNoteWriter.class);

    private final ClioConnections clients;
    private final ExternalRefRepository refs;
    private final PortalUserRepository users;
    private final AuditLog audit;

    public ClioDecisionNoteWriter(ClioConnections clients, ExternalRefRepository refs, PortalUserRepository users,
                                  AuditLog audit) {
        this.clients = clients;
        this.refs = refs;
        this.users = users;
        this.audit = audit;
    }

    @Override
    public Set<String> vendors() {
        return Set.of("clio");
    }

    @Override
    public void write(OutboxEntry entry, DocumentDecision decision) {
        ExternalRef matter = refs.findByLocal(decision.matterId(), ClioUpserter.MATTER)
                .orElseThrow(() -> new IllegalStateException("Matter " + decision.matterId() + " has no Clio record"));
        long clioMatter = Long.parseLong(matter.externalId());
        ClioClient client = clients.client(entry.firmId(), entry.connectionId());
        String marker = "[matterhub action " + decision.actionId();
        ClioNote note = client.findMatterNotes(clioMatter, decision.actionId().toString()).stream()
                .filter(n -> n.detail() != null && n.detail().contains(marker)).findFirst().orElse(null);
        boolean created = false;
        if (note == null) {
            String name = decision.userId() == null ? null
                    : users.find(decision.userId()).map(PortalUserRepository.PortalUser::displayName).orElse(null);
            note = client.createMatterNote(clioMatter, DecisionTexts.noteSubject(decision),
                    DecisionTexts.noteDetail(decision, name), decision.occurredAt().atOffset(ZoneOffset.UTC).toLocalDate());
            created = true;
        } else {
            log.info("Clio note {} already records decision {}", note.id(), decision.actionId());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("actionId", decision.actionId().toString());
        details.put("vendor", "clio");
        details.put("noteId", note.id());
        details.put("foundFromEarlierAttempt", !created);
        audit.record("document.written_back", "document", decision.documentId().toString(), details);
    }
}
