package org.matterhub.routes.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DecisionTextsTest {

    static final UUID ACTION = UUID.fromString("3f1c2b9e-1111-4222-8333-444455556666");
    static final Instant AT = Instant.parse("2025-03-01T10:15:30Z");

    static DocumentDecision decision(String action, String comment, Instant at, UUID id) {
        return new DocumentDecision(id, UUID.randomUUID(), UUID.randomUUID(), "Share purchase agreement", 3, action,
                comment, UUID.randomUUID(), at, "dms");
    }

    @Test
    void theProfileTextSaysWhatWhenAndCarriesTheMarker() {
        String text = DecisionTexts.profileText(decision("approve", null, AT, ACTION), 254);
        assertThat(text).isEqualTo("Client approved v3 on 2025-03-01 10:15 UTC [matterhub action " + ACTION
                + " at 2025-03-01T10:15:30Z]");
        assertThat(DecisionTexts.writtenAction(text)).contains(ACTION);
        assertThat(DecisionTexts.writtenAt(text)).contains(AT);
    }

    @Test
    void aLongCommentIsShortenedButTheMarkerNeverIs() {
        String text = DecisionTexts.profileText(decision("request_changes", "Clause 4 " + "x".repeat(1000), AT, ACTION), 254);
        assertThat(text).hasSize(254).startsWith("Client requested changes to v3 on 2025-03-01 10:15 UTC: Clause 4 x")
                .endsWith("… [matterhub action " + ACTION + " at 2025-03-01T10:15:30Z]");
    }

    @Test
    void aFieldHoldingThisOrALaterDecisionIsLeftAlone() {
        DocumentDecision older = decision("approve", null, AT, ACTION);
        DocumentDecision newer = decision("close", null, AT.plusSeconds(60), UUID.randomUUID());
        String newerText = DecisionTexts.profileText(newer, 254);
        assertThat(DecisionTexts.alreadyCurrent(newerText, older)).as("an older retry keeps the newer value").isTrue();
        assertThat(DecisionTexts.alreadyCurrent(DecisionTexts.profileText(older, 254), older)).as("its own retry").isTrue();
        assertThat(DecisionTexts.alreadyCurrent(DecisionTexts.profileText(older, 254), newer)).isFalse();
        assertThat(DecisionTexts.alreadyCurrent("Firm's own comment", older)).isFalse();
        assertThat(DecisionTexts.alreadyCurrent(null, older)).isFalse();
    }

    @Test
    void theNoteNamesTheClientTheVersionAndTheComment() {
        DocumentDecision d = decision("request_changes", "  Please fix clause 4.  ", AT, ACTION);
        assertThat(DecisionTexts.noteSubject(d)).isEqualTo("Client requested changes to “Share purchase agreement” (v3)");
        assertThat(DecisionTexts.noteDetail(d, "Daniel Okafor")).isEqualTo("Daniel Okafor requested changes to version 3 of "
                + "“Share purchase agreement” in the client portal on 2025-03-01 10:15 UTC.\n\nComment: Please fix clause 4."
                + "\n\n[matterhub action " + ACTION + " at 2025-03-01T10:15:30Z]");
        assertThat(DecisionTexts.noteDetail(decision("close", null, AT, ACTION), null)).startsWith("The client closed version 3");
    }
}
