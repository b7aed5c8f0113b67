package org.matterhub.routes.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The text a reply by e-mail posts: the author's words, cleaned and bounded, then a line per file left out. */
class ReplyPostedTextTest {

    @Test
    void controlCharactersGoAndLineBreaksStay() {
        assertThat(ReplyReceiver.text("Fine\u0007 by me.\r\n\tThanks\u0000", List.of())).isEqualTo("Fine by me.\n\tThanks");
    }

    @Test
    void eachFileLeftOutIsALineAfterTheText() {
        String text = ReplyReceiver.text("Signed copy attached.", List.of(
                new ReplyAttachments.LeftOut("brief.docm", "MACRO_ENABLED", "Macro-enabled Office files (.docm) are not accepted."),
                new ReplyAttachments.LeftOut("setup.pdf", "EXECUTABLE", "The file is a program.")));
        assertThat(text).isEqualTo("Signed copy attached.\n\n"
                + "[Attachment not added: brief.docm — Macro-enabled Office files (.docm) are not accepted.]\n\n"
                + "[Attachment not added: setup.pdf — The file is a program.]");
    }

    @Test
    void aLongTextIsCutBeforeTheNotesSoTheyAreNeverLost() {
        String text = ReplyReceiver.text("a".repeat(30_000), List.of(new ReplyAttachments.LeftOut("x.exe", "EXECUTABLE", "A program.")));
        assertThat(text).startsWith("a".repeat(19_900) + "\n\n[cut]")
                .endsWith("[Attachment not added: x.exe — A program.]");
        assertThat(text.length()).isLessThan(20_100);
    }
}
