package org.matterhub.routes.practice.clio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import org.matterhub.connectors.clio.ClioClient;
import org.matterhub.connectors.clio.ClioContact;
import org.matterhub.connectors.clio.ClioContactPatch;
import org.matterhub.connectors.clio.ClioErrorClassifier;
import org.matterhub.connectors.clio.ClioPreconditionFailedException;
import org.matterhub.mappings.canonical.FieldOwnership;
import org.matterhub.mappings.canonical.FieldOwnership.Resolution;
import org.matterhub.mappings.canonical.PostalAddress;
import org.matterhub.mappings.clio.ClioContactMapper;
import org.matterhub.routes.engine.QueueDrainer;
import org.matterhub.routes.engine.QueueHandler;
import org.matterhub.store.model.FieldConflictRepository;
import org.matterhub.store.sync.ExternalRef;
import org.matterhub.store.sync.ExternalRefRepository;
import org.matterhub.store.sync.OutboxEntry;
import org.springframework.stereotype.Component;

/**
 * Writes a client's contact correction back to Clio with {@code If-Match}. Exactly once: a retry after a
 * lost response finds Clio already holding the value (nothing is sent again); a 412 re-reads the contact and
 * applies field ownership — a field the firm changed meanwhile keeps the firm's value and the client's
 * proposal is recorded as a conflict. Our own write's echo is absorbed by updating external_ref's etag and hash.
 */
@Component
public class ClioContactCorrectionHandler extends QueueHandler<OutboxEntry> implements QueueDrainer.OutboxHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ClioConnections clients;
    private final ExternalRefRepository refs;
    private final ClioUpserter upserter;
    private final FieldConflictRepository conflicts;

    public ClioContactCorrectionHandler(ClioConnections clients, ExternalRefRepository refs, ClioUpserter upserter,
                                        FieldConflictRepository conflicts) {
        super("contact.correction", new ClioErrorClassifier());
        this.clients = clients;
        this.refs = refs;
        this.upserter = upserter;
        this.conflicts = conflicts;
    }

    @Override
    public void handle(OutboxEntry entry) throws Exception {
        JsonNode payload = JSON.readTree(entry.payload());
        ExternalRef ref = refs.findByLocal(entry.aggregateId(), ClioUpserter.CONTACT)
                .orElseThrow(() -> new IllegalArgumentException("Contact " + entry.aggregateId() + " has no Clio record"));
        ClioClient client = clients.client(entry.firmId(), entry.connectionId());
        long clioId = Long.parseLong(ref.externalId());
        ClioContact current = client.getContact(clioId);
        for (int attempt = 0; attempt < 3; attempt++) {
            ClioContactPatch patch = resolve(entry, payload, current);
            if (patch.isEmpty()) {
                upserter.contact(entry.connectionId(), current, true);
                return;
            }
            try {
                ClioContact updated = client.patchContact(clioId, current.etag(), patch);
                upserter.contact(entry.connectionId(), updated, true);
                return;
            } catch (ClioPreconditionFailedException stale) {
                current = client.getContact(clioId);
            }
        }
        throw new IllegalStateException("Contact " + clioId + " kept changing under three attempts");
    }

    /** Per field: skip what Clio already holds, write what Clio has not changed, keep Clio's value otherwise. */
    private ClioContactPatch resolve(OutboxEntry entry, JsonNode payload, ClioContact current) {
        var now = ClioContactMapper.toCanonical(current);
        JsonNode base = payload.path("base");
        JsonNode proposed = payload.path("proposed");
        String email = field(entry, "email", text(base, "email"), now.email(), text(proposed, "email"));
        String phone = field(entry, "phone", text(base, "phone"), now.phone(), text(proposed, "phone"));
        PostalAddress address = null;
        if (proposed.hasNonNull("address")) {
            PostalAddress want = JSON.convertValue(proposed.get("address"), PostalAddress.class);
            PostalAddress was = base.hasNonNull("address") ? JSON.convertValue(base.get("address"), PostalAddress.class) : null;
            Resolution r = FieldOwnership.resolve(Objects.toString(was, null), Objects.toString(now.address(), null),
                    want.toString());
            if (r == Resolution.APPLY_PROPOSED) {
                address = want;
            } else if (r == Resolution.OWNER_WINS) {
                conflicts.record("contact", entry.aggregateId(), "address", "clio", Objects.toString(now.address(), null),
                        "portal", want.toString());
            }
        }
        return ClioContactPatch.of(current, email, phone, address == null ? null : new ClioContactPatch.PostalAddress(
                address.street(), address.city(), address.region(), address.postalCode(), address.country()));
    }

    private String field(OutboxEntry entry, String name, String base, String ownerNow, String proposed) {
        if (proposed == null) {
            return null;
        }
        return switch (FieldOwnership.resolve(base, ownerNow, proposed)) {
            case ALREADY_APPLIED -> null;
            case APPLY_PROPOSED -> proposed;
            case OWNER_WINS -> {
                conflicts.record("contact", entry.aggregateId(), name, "clio", ownerNow, "portal", proposed);
                yield null;
            }
        };
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
