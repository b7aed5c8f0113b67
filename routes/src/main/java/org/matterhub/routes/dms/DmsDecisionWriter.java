package org.matterhub.routes.dms;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.matterhub.connectors.imanage.ImanageClient;
import org.matterhub.connectors.imanage.ImanageDocument;
import org.matterhub.connectors.netdocuments.NetDocumentsClient;
import org.matterhub.routes.documents.DecisionTexts;
import org.matterhub.routes.documents.DecisionWriter;
import org.matterhub.routes.documents.DocumentDecision;
import org.matterhub.store.audit.AuditLog;
import org.matterhub.store.model.DmsRepository;
import org.matterhub.store.model.DmsRepository.DmsDocument;
import org.matterhub.store.sync.OutboxEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes a client's decision into the document's DMS profile, in the field the connection's settings name
 * ({@code decisionField}): iManage Work — a profile field, by default {@code comment} (PATCH of the profile; the
 * simulator accepts {@code comment}, {@code name}, {@code class}, {@code author}, {@code custom1/2}); NetDocuments — a
 * custom attribute number, which has no default (NetDocuments has no standard field for it, so without one the
 * decision reaches only the practice-management note, and the skip is audited). The value is
 * {@link DecisionTexts#profileText}. Setting a field is idempotent by itself; the field is read first and left alone
 * when it already carries this decision or a later one, so a late retry never overwrites a newer decision.
 */
@Component
public class DmsDecisionWriter implements DecisionWriter {

    private static final Logger log = LoggerFactory.getLogger(DmsDecisionWriter.class);
    /** iManage text profile fields hold 254 characters (assumed); NetDocuments text attributes at least that. */
    static final int MAX_VALUE = 254;

    private final DmsConnections connections;
    private final DmsRepository dms;
    private final AuditLog audit;

    public DmsDecisionWriter(DmsConnections connections, DmsRepository dms, AuditLog audit) {
        this.connections = connections;
        this.dms = dms;
        this.audit = audit;
    }

    @Override
    public Set<String> vendors() {
        return Set.of(DmsConnections.IMANAGE, DmsConnections.NETDOCUMENTS);
    }

    @Override
    public void write(OutboxEntry entry, DocumentDecision decision) {
        DmsDocument profile = dms.byPortalDocument(decision.documentId())
                .filter(d -> d.connectionId().equals(entry.connectionId()))
                .orElseThrow(() -> new IllegalStateException("Document " + decision.documentId()
                        + " has no profile in DMS connection " + entry.connectionId()));
        DmsConnections.Dms d = connections.load(entry.firmId(), entry.connectionId());
        String text = DecisionTexts.profileText(decision, MAX_VALUE);
        if (DmsConnections.IMANAGE.equals(d.vendor())) {
            String field = d.settings().decisionFieldOr("comment");
            ImanageClient client = connections.imanage(entry.firmId(), entry.connectionId());
            if ("comment".equals(field)) {
                ImanageDocument current = client.getDocument(profile.externalId());
                if (DecisionTexts.alreadyCurrent(current.comment(), decision)) {
                    log.info("iManage {} already holds decision {} or a later one", profile.externalId(), decision.actionId());
                    return;
                }
            }
            client.updateProfile(profile.externalId(), Map.of(field, text));
            recorded(decision, d.vendor(), profile.externalId(), field);
            return;
        }
        String field = d.settings().decisionField();
        if (field == null) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("actionId", decision.actionId().toString());
            details.put("connectionId", entry.connectionId().toString());
            details.put("reason", "no decisionField (NetDocuments custom attribute) is configured for the connection");
            audit.record("document.write_back_skipped", "document", decision.documentId().toString(), details);
            return;
        }
        int attribute;
        try {
            attribute = Integer.parseInt(field);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("decisionField of a NetDocuments connection is an attribute number, not "
                    + field);
        }
        NetDocumentsClient client = connections.netDocuments(entry.firmId(), entry.connectionId());
        Optional<String> current = client.getDocumentProfile(profile.externalId()).attribute(attribute);
        if (DecisionTexts.alreadyCurrent(current.orElse(null), decision)) {
            log.info("NetDocuments {} already holds decision {} or a later one", profile.externalId(), decision.actionId());
            return;
        }
        client.updateProfile(profile.externalId(), null, Map.of(attribute, text));
        recorded(decision, d.vendor(), profile.externalId(), field);
    }

    private void recorded(DocumentDecision decision, String vendor, String externalId, String field) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("actionId", decision.actionId().toString());
        details.put("vendor", vendor);
        details.put("externalId", externalId);
        details.put("field", field);
        audit.record("document.written_back", "document", decision.documentId().toString(), details);
    }
}
