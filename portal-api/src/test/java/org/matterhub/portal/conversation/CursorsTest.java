package org.matterhub.portal.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.store.model.ConversationRepository.Position;

class CursorsTest {

    @Test
    void aCursorNamesTheTimeToTheNanosecondAndTheId() {
        Instant at = Instant.parse("2026-12-07T10:15:30.123456Z");
        UUID id = UUID.randomUUID();
        assertThat(Cursors.decode(Cursors.encode(at, id), "after")).isEqualTo(new Position(at, id));
        assertThat(Cursors.decode(null, "after")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bm90LWEtY3Vyc29y", "!!!", "MTIzOmFiYw", "MS4yOm5vdC1hLXV1aWQ",
            "OTk5OTk5OTk5OTk5OTk5OTk5OTkuMDowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA"})
    void anythingElseIsA400NamingTheParameter(String cursor) {
        assertThatThrownBy(() -> Cursors.decode(cursor, "before")).isInstanceOfSatisfying(ApiProblem.class, p -> {
            assertThat(p.getStatusCode().value()).isEqualTo(400);
            assertThat(p.getBody().getDetail()).startsWith("before ");
        });
    }

    @Test
    void anOverlongCursorIsRefusedBeforeDecoding() {
        assertThatThrownBy(() -> Cursors.decode("A".repeat(121), "after")).isInstanceOf(ApiProblem.class);
    }

    @Test
    void limitsOutsideOneToTwoHundredAre400() {
        assertThat(Cursors.limit(1)).isEqualTo(1);
        assertThat(Cursors.limit(200)).isEqualTo(200);
        assertThatThrownBy(() -> Cursors.limit(0)).isInstanceOf(ApiProblem.class);
        assertThatThrownBy(() -> Cursors.limit(201)).isInstanceOf(ApiProblem.class);
    }

    @Test
    void textsKeepLineBreaksInBodiesOnlyAndRefuseControlCharacters() {
        assertThat(Texts.body("  a\nb\tc  ")).isEqualTo("a\nb\tc");
        assertThat(Texts.subject(" Completion ")).isEqualTo("Completion");
        assertThat(Texts.body("emoji 😀 fine")).isEqualTo("emoji 😀 fine");
        for (String bad : new String[] {"a\u0000b", "bell\u0007", "lone \uD800 surrogate", "   "}) {
            assertThatThrownBy(() -> Texts.body(bad)).as(bad).isInstanceOf(ApiProblem.class);
        }
        assertThatThrownBy(() -> Texts.subject("two\nlines")).isInstanceOf(ApiProblem.class);
    }
}
