package org.matterhub.connectors.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.matterhub.connectors.mail.ReplyVerdict.IgnoreReason.AUTO_REPLY;
import static org.matterhub.connectors.mail.ReplyVerdict.IgnoreReason.BOUNCE;
import static org.matterhub.connectors.mail.ReplyVerdict.IgnoreReason.BULK;
import static org.matterhub.connectors.mail.ReplyVerdict.IgnoreReason.LOOP;
import static org.matterhub.connectors.mail.ReplyVerdict.IgnoreReason.OUT_OF_OFFICE;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.matterhub.connectors.mail.ReplyVerdict.RefuseReason;

/** The reply-by-e-mail table: one row per fixture in {@code mail/replies}, with the exact outcome. */
final class ReplyTable {

    private ReplyTable() {
    }

    /** Whose token the fixture's {@code {{to}}} address carries. */
    enum TokenKind { ALICE, BOB, EXPIRED, TAMPERED, REVOKED }

    sealed interface Expected permits Posts, Ignored, Refused {

        void check(ReplyVerdict verdict, ReplyToken aliceToken);
    }

    record Attachment(String filename, String originalFilename, String contentType, byte[] content) {
    }

    record Posts(String text, List<Attachment> attachments) implements Expected {

        @Override
        public void check(ReplyVerdict verdict, ReplyToken aliceToken) {
            assertThat(verdict).isInstanceOfSatisfying(ReplyVerdict.Post.class, post -> {
                assertThat(post.text()).isEqualTo(text);
                assertThat(post.token()).isEqualTo(aliceToken);
                assertThat(post.sender()).isEqualTo(ALICE);
                assertThat(post.attachments()).hasSize(attachments.size());
                for (int i = 0; i < attachments.size(); i++) {
                    MailAttachment actual = post.attachments().get(i);
                    assertThat(new Attachment(actual.filename(), actual.originalFilename(),
                            actual.declaredContentType(), actual.content())).usingRecursiveComparison()
                            .isEqualTo(attachments.get(i));
                }
            });
        }
    }

    record Ignored(ReplyVerdict.IgnoreReason reason) implements Expected {

        @Override
        public void check(ReplyVerdict verdict, ReplyToken aliceToken) {
            assertThat(verdict).isInstanceOfSatisfying(ReplyVerdict.Ignore.class,
                    ignore -> assertThat(ignore.reason()).isEqualTo(reason));
        }
    }

    record Refused(RefuseReason reason, Optional<String> explainTo) implements Expected {

        @Override
        public void check(ReplyVerdict verdict, ReplyToken aliceToken) {
            assertThat(verdict).isInstanceOfSatisfying(ReplyVerdict.Refuse.class, refuse -> assertThat(
                    List.of(refuse.reason(), refuse.replyTo(), refuse.mayExplain()))
                    .containsExactly(reason, explainTo, explainTo.isPresent()));
        }
    }

    record Row(String fixture, TokenKind token, Expected expected, int deliveries, boolean fromDaemon) {

        @Override
        public String toString() {
            return fixture;
        }
    }

    static Row post(String fixture, String text, Attachment... attachments) {
        return new Row(fixture, TokenKind.ALICE, new Posts(text, List.of(attachments)), 1, false);
    }

    static Row ignore(String fixture, ReplyVerdict.IgnoreReason reason) {
        return new Row(fixture, TokenKind.ALICE, new Ignored(reason), 1, false);
    }

    static Row refuse(String fixture, TokenKind token, RefuseReason reason, String explainTo) {
        return new Row(fixture, token, new Refused(reason, Optional.ofNullable(explainTo)), 1, false);
    }

    static Attachment file(String name, String original, String type, String content) {
        return new Attachment(name, original, type, content.getBytes(StandardCharsets.ISO_8859_1));
    }

    static final String ALICE = "alice@client.example";
    static final String PDF = "%PDF-1.4\n% signed signature page\n1 0 obj<<>>endobj\n%%EOF\n";
    static final String SEE_YOU = "Thanks, see you on Thursday.";
    static final String GMAIL = "Thanks, the revised draft looks good.\n\nCould you send the signature page by Friday?";
    static final String OUTLOOK = "Thank you, I will review it tonight.\n\nKind regards\nAlice";

    static final List<Row> ROWS = List.of(
            post("gmail-top-alternative", GMAIL),
            post("gmail-html-only", GMAIL),
            post("gmail-signature-plain", "Agreed, please go ahead."),
            post("gmail-signature-html", "Agreed, please go ahead."),
            post("bottom-post-plain", "Confirmed, Friday works."),
            post("interleaved-plain", "Yes, EUR 4.2 million.\n\nOur CFO, Alice Example.\n\nBest,\nAlice"),
            post("outlook-desktop-alternative", OUTLOOK),
            post("outlook-desktop-html-only", OUTLOOK),
            post("outlook-web-html-only", "Works for me. Please send the final version to our general counsel as well."),
            post("outlook-original-message", "Noted, thanks."),
            post("outlook-web-underscores", "I have signed it."),
            post("outlook-mobile", "Will call you tomorrow morning."),
            post("outlook-inline-logo", "See you at 3 pm."),
            post("apple-iphone-flowed",
                    "Yes, please file it with the court on Monday. The client has approved the final wording."),
            post("apple-html-top", "Perfect, thank you!\n\nAlice"),
            post("apple-html-bottom", "Clause 4 is fine from our side.\n\nAlice"),
            post("thunderbird-flowed-bottom",
                    "Reviewed. Two small comments:\n\n- 4.1: \"shall\" instead of \"will\"\n- 4.3: the date should be 31 January"),
            post("thunderbird-html", "Approved, thanks."),
            post("german-plain", "Vielen Dank, wir sind einverstanden.\n\nMit freundlichen Grüßen\nAlice Example"),
            post("german-outlook-latin1", "Bitte rufen Sie mich morgen früh an."),
            post("german-iphone", "Passt so."),
            post("french-plain", "Merci, c'est parfait pour nous."),
            post("spanish-plain", "Gracias, lo revisaré mañana."),
            post("dutch-plain", "Akkoord, graag de definitieve versie."),
            post("italian-plain", "Va bene, procediamo così."),
            post("portuguese-plain", "Obrigada, está tudo certo."),
            post("forwarded", "Please see the bank's confirmation below."),
            post("attachment-pdf", "The signed signature page is attached.",
                    file("signature-page.pdf", "signature-page.pdf", "application/pdf", PDF)),
            post("attachment-hostile", "Here are the files.",
                    file("evil.png", "../../../etc/cron.d/evil.png", "image/png", "#!/bin/sh\nrm -rf /\n"),
                    new Attachment("Vertrag Änderungen.docx", "Vertrag Änderungen.docx", "application/octet-stream",
                            "PK\u0003\u0004fake docx".getBytes(StandardCharsets.ISO_8859_1)),
                    file("evil.bat", "C:\\Users\\Public\\..\\.evil.bat", "text/plain", "del /s /q C:\\*\r\n")),
            post("html-hostile", "Please see my comments below.\n\nClick here <b>not bold</b>\n\nThanks"),
            post("token-in-cc", SEE_YOU),
            post("token-in-delivered-to", SEE_YOU),
            post("sender-in-other-case", SEE_YOU),
            post("auto-submitted-no", SEE_YOU),
            new Row("duplicate-delivery", TokenKind.ALICE, new Posts(SEE_YOU, List.of()), 2, false),
            refuse("attachment-without-text", TokenKind.ALICE, RefuseReason.NO_TEXT, ALICE),
            ignore("auto-replied", AUTO_REPLY),
            ignore("x-autoreply", AUTO_REPLY),
            ignore("x-autorespond", AUTO_REPLY),
            ignore("outlook-out-of-office", OUT_OF_OFFICE),
            ignore("out-of-office-german-subject", OUT_OF_OFFICE),
            ignore("precedence-bulk", BULK),
            new Row("bounce-dsn", TokenKind.ALICE, new Ignored(BOUNCE), 1, true),
            new Row("bounce-null-return-path", TokenKind.ALICE, new Ignored(BOUNCE), 1, true),
            ignore("read-receipt", BOUNCE),
            ignore("loop-from-own-address", LOOP),
            refuse("forged-sender", TokenKind.ALICE, RefuseReason.FORGED_SENDER, "mallory@elsewhere.example"),
            refuse("forged-noreply-sender", TokenKind.ALICE, RefuseReason.FORGED_SENDER, null),
            refuse("two-from-addresses", TokenKind.ALICE, RefuseReason.FORGED_SENDER, null),
            refuse("token-of-another-person", TokenKind.BOB, RefuseReason.FORGED_SENDER, ALICE),
            refuse("expired-token", TokenKind.EXPIRED, RefuseReason.EXPIRED_TOKEN, ALICE),
            refuse("tampered-token", TokenKind.TAMPERED, RefuseReason.INVALID_TOKEN, ALICE),
            refuse("revoked-token", TokenKind.REVOKED, RefuseReason.REVOKED_TOKEN, ALICE),
            refuse("no-token", TokenKind.ALICE, RefuseReason.NO_TOKEN, ALICE));
}
