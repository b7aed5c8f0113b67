package org.matterhub.mappings.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.matterhub.mappings.canonical.FieldOwnership.Resolution;

class FieldOwnershipTest {

    @ParameterizedTest(name = "base={0} owner now={1} proposed={2} -> {3}")
    @CsvSource(nullValues = "null", value = {
            "a@x.example, a@x.example, b@x.example, APPLY_PROPOSED",
            "a@x.example, b@x.example, b@x.example, ALREADY_APPLIED",
            "a@x.example, c@x.example, b@x.example, OWNER_WINS",
            "null,        null,        b@x.example, APPLY_PROPOSED",
            "null,        c@x.example, b@x.example, OWNER_WINS",
    })
    void resolvesAConcurrentEditPerField(String base, String ownerNow, String proposed, Resolution expected) {
        assertThat(FieldOwnership.resolve(base, ownerNow, proposed)).isEqualTo(expected);
    }

    @Test
    void everyFieldHasOneDeclaredOwner() {
        assertThat(FieldOwnership.ownerOf("matter", "status")).isEqualTo(SourceSystem.CLIO);
        assertThat(FieldOwnership.ownerOf("contact", "email")).isEqualTo(SourceSystem.CLIO);
        assertThat(FieldOwnership.ownerOf("message", "body")).isEqualTo(SourceSystem.PORTAL);
        assertThatThrownBy(() -> FieldOwnership.ownerOf("matter", "colour")).hasMessageContaining("matter.colour");
    }

    @Test
    void contentHashSeparatesFieldsUnambiguously() {
        assertThat(ContentHash.of("ab", "c")).isNotEqualTo(ContentHash.of("a", "bc"));
        assertThat(ContentHash.of(null, "x")).isNotEqualTo(ContentHash.of("null", "x"));
        assertThat(ContentHash.of("a", 1)).isEqualTo(ContentHash.of("a", 1));
    }
}
