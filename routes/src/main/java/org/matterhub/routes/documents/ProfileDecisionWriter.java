package org.matterhub.routes.documents;

import org.matterhub.routes.vendor.VendorAdapter;
import org.matterhub.store.model.DmsRepository.DmsDocument;

/**
 * Writes a client's decision into a document's DMS profile, in the field the connection's settings name
 * ({@code decisionField}), for {@link DmsDecisionWriter}. The field is read first and left alone when it already
 * carries this decision or a later one ({@link DecisionTexts#alreadyCurrent}), so a late retry never overwrites a
 * newer decision.
 */
public interface ProfileDecisionWriter extends VendorAdapter {

    /** What a write-back did. */
    record Outcome(String field, String skippedBecause) {

        /** {@code text} is now in {@code field}. */
        public static Outcome written(String field) {
            return new Outcome(field, null);
        }

        /** The field already held this decision or a later one. */
        public static Outcome alreadyCurrent(String field) {
            return new Outcome(field, "");
        }

        /** Nothing written, for a reason ops should see. */
        public static Outcome skipped(String reason) {
            return new Outcome(null, reason);
        }

        public boolean written() {
            return skippedBecause == null;
        }
    }

    /** Writes {@code text} (at most {@link DmsDecisionWriter#MAX_VALUE} characters) for {@code decision}. */
    Outcome write(DmsConnections.Dms connection, DmsDocument profile, DocumentDecision decision, String text);
}
