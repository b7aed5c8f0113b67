package org.matterhub.mappings.canonical;

import java.util.Map;

/**
 * Which system owns each canonical field (DESIGN §4.6). Non-owned edits are never written back as truth;
 * when an owned field was changed on both sides, the owner's value wins and the other is recorded.
 */
public final class FieldOwnership {

    private static final Map<String, SourceSystem> OWNERS = Map.ofEntries(
            Map.entry("matter.status", SourceSystem.CLIO),
            Map.entry("matter.description", SourceSystem.CLIO),
            Map.entry("matter.number", SourceSystem.CLIO),
            Map.entry("contact.name", SourceSystem.CLIO),
            Map.entry("contact.email", SourceSystem.CLIO),
            Map.entry("contact.phone", SourceSystem.CLIO),
            Map.entry("contact.address", SourceSystem.CLIO),
            Map.entry("document.content", SourceSystem.IMANAGE),
            Map.entry("invoice.amount", SourceSystem.QUICKBOOKS),
            Map.entry("message.body", SourceSystem.PORTAL),
            Map.entry("document_action.action", SourceSystem.PORTAL));

    private FieldOwnership() {
    }

    public static SourceSystem ownerOf(String entity, String field) {
        SourceSystem owner = OWNERS.get(entity + "." + field);
        if (owner == null) {
            throw new IllegalArgumentException("No owner declared for " + entity + "." + field);
        }
        return owner;
    }

    /**
     * Resolves a concurrent edit of one field. {@code base} is what the portal last saw from the owner,
     * {@code ownerNow} is the owner's current value, {@code proposed} is the portal's edit.
     */
    public static Resolution resolve(String base, String ownerNow, String proposed) {
        if (java.util.Objects.equals(ownerNow, proposed)) {
            return Resolution.ALREADY_APPLIED;
        }
        if (java.util.Objects.equals(base, ownerNow)) {
            return Resolution.APPLY_PROPOSED;
        }
        return Resolution.OWNER_WINS;
    }

    public enum Resolution {
        /** The owner already holds the proposed value: nothing to write. */
        ALREADY_APPLIED,
        /** The owner has not changed the field since the portal read it: write the proposal. */
        APPLY_PROPOSED,
        /** The owner changed it meanwhile: keep the owner's value, record the proposal as the loser. */
        OWNER_WINS
    }
}
