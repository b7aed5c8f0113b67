package org.matterhub.mappings.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The ids stored in {@code connection.vendor} and {@code external_ref.system}, and the way back from them. */
class SourceSystemTest {

    @Test
    void everySystemHasItsLowerCaseIdAndIsFoundByIt() {
        assertThat(SourceSystem.CLIO.id()).isEqualTo("clio");
        assertThat(SourceSystem.NETDOCUMENTS.id()).isEqualTo("netdocuments");
        for (SourceSystem s : SourceSystem.values()) {
            assertThat(SourceSystem.fromId(s.id())).contains(s);
        }
    }

    @Test
    void anUnknownUpperCaseOrMissingIdIsNoSystem() {
        assertThat(SourceSystem.fromId("CLIO")).isEmpty();
        assertThat(SourceSystem.fromId("clio ")).isEmpty();
        assertThat(SourceSystem.fromId("sharepoint")).isEmpty();
        assertThat(SourceSystem.fromId(null)).isEmpty();
    }

    @Test
    void aCorrectionIsEmptyOnlyWhenItChangesNothing() {
        assertThat(new ContactCorrection(null, null, null).isEmpty()).isTrue();
        assertThat(new ContactCorrection("a@b.example", null, null).isEmpty()).isFalse();
        assertThat(new ContactCorrection(null, "+1 312 555 0100", null).isEmpty()).isFalse();
        assertThat(new ContactCorrection(null, null, new PostalAddress(null, null, null, null, null)).isEmpty()).isFalse();
    }
}
