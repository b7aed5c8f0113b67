package org.matterhub.routes.documents;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.matterhub.routes.vendor.VendorRegistry;
import org.matterhub.store.audit.AuditLog;
import org.matterhub.store.model.DmsRepository;
import org.matterhub.store.model.DmsRepository.DmsDocument;
import org.matterhub.store.sync.OutboxEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes a client's decision into the document's DMS profile, through the {@link ProfileDecisionWriter} of the
 * connection's vendor, with the value {@link DecisionTexts#profileText}. Setting a field is idempotent by itself;
 * each vendor reads the field first and leaves it alone when it already carries this decision or a later one.
 * Every write is audited ({@code document.written_back}), and so is a write-back the connection's settings leave
 * nowhere to go ({@code document.write_back_skipped}).
 */
@Component
public class DmsDecisionWriter implements DecisionWriter {

    private static final Logger log = LoggerFactory.getLogger(DmsDecisionWriter.class);
    /** iManage text profile fields hold 254 characters (assumed); NetDocuments text attributes at least that. */
    public static final int MAX_VALUE = 254;

    private final DmsConnections connections;
    private final DmsRepository dms;
    private final AuditLog audit;
    private final VendorRegistry vendors;

    public DmsDecisionWriter(DmsConnections connections, DmsRepository dms, AuditLog audit, VendorRegistry vendors) {
        this.connections = connections;
        this.dms = dms;
        this.audit = audit;
        this.vendors = vendors;
    }

    @Override
    public Set<String> vendors() {
        return vendors.all(ProfileDecisionWriter.class).stream().map(w -> w.system().id()).collect(Collectors.toSet());
    }

    @Override
    public void write(OutboxEntry entry, DocumentDecision decision) {
        DmsDocument profile = dms.byPortalDocument(decision.documentId())
                .filter(d -> d.connectionId().equals(entry.connectionId()))
                .orElseThrow(() -> new IllegalStateException("Document " + decision.documentId()
                        + " has no profile in DMS connection " + entry.connectionId()));
        DmsConnections.Dms d = connections.load(entry.firmId(), entry.connectionId());
        ProfileDecisionWriter writer = vendors.adapter(d.vendor(), ProfileDecisionWriter.class);
        String text = DecisionTexts.profileText(decision, MAX_VALUE);
        ProfileDecisionWriter.Outcome outcome = writer.write(d, profile, decision, text);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("actionId", decision.actionId().toString());
        if (outcome.written()) {
            details.put("vendor", d.vendor());
            details.put("externalId", profile.externalId());
            details.put("field", outcome.field());
            audit.record("document.written_back", "document", decision.documentId().toString(), details);
        } else if (outcome.skippedBecause().isEmpty()) {
            log.info("{} {} already holds decision {} or a later one", writer.displayName(), profile.externalId(),
                    decision.actionId());
        } else {
            details.put("connectionId", entry.connectionId().toString());
            details.put("reason", outcome.skippedBecause());
            audit.record("document.write_back_skipped", "document", decision.documentId().toString(), details);
        }
    }
}
