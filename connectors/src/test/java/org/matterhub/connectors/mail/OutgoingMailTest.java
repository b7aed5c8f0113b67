package org.matterhub.connectors.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OutgoingMailTest {

    static final SenderIdentity FIRM = new SenderIdentity("Muster & Partner", "notify@firm.example", "firm.example",
            ReplyAddress.of("firm.example"));
    static final MailTemplate NEW_MESSAGE = new MailTemplate(
            "New message on {{matter}}",
            "Hello {{name}},\n\n{{author}} wrote on {{matter}}:\n\n{{text}}\n\nOpen it: {{link}}\n",
            "<p>Hello {{name}},</p><p>{{author}} wrote on <b>{{matter}}</b>:</p><blockquote>{{text}}</blockquote>"
                    + "<p><a href=\"{{link}}\">Open it</a></p>");

    final Session session = Session.getInstance(new Properties());
    final ReplyTokens tokens = new ReplyTokens(ReplyTokenKeys.single(ReplyTokensTest.key("k0")),
            ReplyTokensTest.at(ReplyTokensTest.NOW));
    final ReplyToken token = tokens.issue(ReplyTokensTest.ALICE, ReplyTokensTest.THREAD, Duration.ofDays(30));

    OutgoingMail mail(Map<String, String> values) {
        return new OutgoingMail(FIRM, "alice@client.example", "Alice Example", NEW_MESSAGE.render(values),
                "4b1f0c7e-9d2a-4e11-8c3b-5a6f7e8d9c0b", ReplyTokensTest.THREAD.toString(), token,
                URI.create("https://portal.firm.example/preferences/notifications?u=abc"), ReplyTokensTest.NOW);
    }

    static Map<String, String> values(String text) {
        return Map.of("name", "Alice", "author", "Dr. Berg", "matter", "Acme acquisition", "text", text,
                "link", "https://portal.firm.example/matters/1/threads/2");
    }

    static Map<String, String> withMatter(String text, String matter) {
        Map<String, String> values = new java.util.HashMap<>(values(text));
        values.put("matter", matter);
        return values;
    }

    MimeMessage parsedBack(OutgoingMail mail) throws Exception {
        return new MimeMessage(session, new ByteArrayInputStream(mail.toBytes()));
    }

    @Test
    void theHeadersThreadTheMailOfferUnsubscribeAndSilenceAutoresponders() throws Exception {
        MimeMessage message = parsedBack(mail(values("Please review clause 4.")));
        String thread = "<t." + ReplyTokensTest.THREAD + "@firm.example>";

        assertThat(message.getHeader("Message-ID", null)).isEqualTo("<n.4b1f0c7e-9d2a-4e11-8c3b-5a6f7e8d9c0b@firm.example>");
        assertThat(message.getHeader("In-Reply-To", null)).isEqualTo(thread);
        assertThat(message.getHeader("References", null)).isEqualTo(thread);
        assertThat(message.getHeader("List-Unsubscribe", null))
                .isEqualTo("<https://portal.firm.example/preferences/notifications?u=abc>");
        assertThat(message.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(message.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(message.getHeader("X-Auto-Response-Suppress", null)).isEqualTo("All");
        assertThat(message.getHeader(OutgoingMail.LOOP_HEADER, null)).isEqualTo("4b1f0c7e-9d2a-4e11-8c3b-5a6f7e8d9c0b");
        assertThat(message.getSubject()).isEqualTo("New message on Acme acquisition");
        assertThat(message.getSentDate().toInstant()).isEqualTo(ReplyTokensTest.NOW);
        InternetAddress from = (InternetAddress) message.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("notify@firm.example");
        assertThat(from.getPersonal()).isEqualTo("Muster & Partner");
        InternetAddress to = (InternetAddress) message.getRecipients(MimeMessage.RecipientType.TO)[0];
        assertThat(to.getAddress()).isEqualTo("alice@client.example");
        assertThat(to.getPersonal()).isEqualTo("Alice Example");
    }

    @Test
    void theReplyToAddressCarriesATokenThatVerifiesForThePersonAndThread() throws Exception {
        MimeMessage message = parsedBack(mail(values("x")));
        InternetAddress replyTo = (InternetAddress) message.getReplyTo()[0];

        Optional<String> text = FIRM.replyAddress().tokenIn(replyTo.getAddress());

        assertThat(replyTo.getAddress()).isEqualTo("reply+" + token.text() + "@firm.example");
        assertThat(text).contains(token.text());
        assertThat(tokens.verify(text.get(), ReplyTokensTest.only(token), RevokedTokens.none()))
                .isEqualTo(new TokenCheck.Valid(token));
    }

    @Test
    void theBodyIsTextThenHtmlAsAlternatives() throws Exception {
        MimeMessage message = parsedBack(mail(values("Please review clause 4.")));

        assertThat(message.isMimeType("multipart/alternative")).isTrue();
        Multipart parts = (Multipart) message.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        Part text = parts.getBodyPart(0);
        Part html = parts.getBodyPart(1);
        assertThat(text.isMimeType("text/plain")).isTrue();
        assertThat(text.getContentType()).containsIgnoringCase("charset=UTF-8");
        assertThat(html.isMimeType("text/html")).isTrue();
        assertThat(((String) text.getContent()).replace("\r\n", "\n")).isEqualTo("""
                Hello Alice,

                Dr. Berg wrote on Acme acquisition:

                Please review clause 4.

                Open it: https://portal.firm.example/matters/1/threads/2
                """);
        assertThat((String) html.getContent()).isEqualTo("<p>Hello Alice,</p><p>Dr. Berg wrote on <b>Acme acquisition</b>:"
                + "</p><blockquote>Please review clause 4.</blockquote>"
                + "<p><a href=\"https://portal.firm.example/matters/1/threads/2\">Open it</a></p>");
    }

    @Test
    void valuesAreEscapedInHtmlAndKeptVerbatimInText() throws Exception {
        String hostile = "<script>alert('x')</script> & \"quotes\" <img src=x onerror=alert(1)>";
        MimeMessage message = parsedBack(mail(values(hostile)));
        Multipart parts = (Multipart) message.getContent();

        String html = (String) parts.getBodyPart(1).getContent();
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot; "
                + "&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<script").doesNotContain("<img");
        assertThat((String) parts.getBodyPart(0).getContent()).contains(hostile);
    }

    @Test
    void nonAsciiSurvivesInSubjectBodyAndNames() throws Exception {
        MimeMessage message = parsedBack(mail(withMatter("Grüße — überprüfen Sie § 4", "Müller ./. Société Générale")));

        assertThat(message.getSubject()).isEqualTo("New message on Müller ./. Société Générale");
        assertThat((String) ((Multipart) message.getContent()).getBodyPart(0).getContent())
                .contains("Grüße — überprüfen Sie § 4");
    }

    @Test
    void aSubjectCannotInjectHeaders() throws Exception {
        MimeMessage message = parsedBack(mail(withMatter("x", "Acme\r\nBcc: victim@example.com")));

        assertThat(message.getSubject()).isEqualTo("New message on Acme Bcc: victim@example.com");
        assertThat(message.getHeader("Bcc")).isNull();
    }

    @Test
    void theMessageIdIsStableAcrossCompositionsAndSaveChanges() throws Exception {
        MimeMessage first = mail(values("x")).toMimeMessage(session);
        first.saveChanges();
        MimeMessage second = parsedBack(mail(values("x")));

        assertThat(first.getMessageID()).isEqualTo(second.getMessageID())
                .isEqualTo(OutgoingMail.messageId("firm.example", "4b1f0c7e-9d2a-4e11-8c3b-5a6f7e8d9c0b"));
    }

    @Test
    void anInvitationHasNoReplyToThreadOrUnsubscribe() throws Exception {
        OutgoingMail invitation = new OutgoingMail(FIRM, "carol@client.example", null,
                new MailTemplate.Rendered("You are invited", "Sign in: https://x", "<p>Sign in</p>"), "inv-1", null,
                null, null, ReplyTokensTest.NOW);
        MimeMessage message = parsedBack(invitation);

        assertThat(message.getReplyTo()[0].toString()).isEqualTo("Muster & Partner <notify@firm.example>");
        assertThat(message.getHeader("In-Reply-To")).isNull();
        assertThat(message.getHeader("List-Unsubscribe")).isNull();
        assertThat(message.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
    }

    @Test
    void ourOwnNotificationComingBackIsALoop() throws Exception {
        IncomingReply reader = new IncomingReply(FIRM, tokens, ReplyTokensTest.only(token), RevokedTokens.none(),
                person -> Set.of("alice@client.example"));

        assertThat(reader.read(parsedBack(mail(values("x")))))
                .isEqualTo(new ReplyVerdict.Ignore(ReplyVerdict.IgnoreReason.LOOP,
                        Optional.of("<n.4b1f0c7e-9d2a-4e11-8c3b-5a6f7e8d9c0b@firm.example>")));
    }

    @Test
    void aMissingValueOrAnUnsafeIdIsAnError() {
        assertThatThrownBy(() -> NEW_MESSAGE.render(Map.of("name", "Alice")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no value for placeholder");
        assertThatThrownBy(() -> new OutgoingMail(FIRM, "a@b.example", null, NEW_MESSAGE.render(values("x")),
                "id>\r\nBcc: x@y", null, null, null, ReplyTokensTest.NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OutgoingMail(FIRM, "a@b.example", null, NEW_MESSAGE.render(values("x")),
                "n1", null, null, URI.create("javascript:alert(1)"), ReplyTokensTest.NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void templatesAreTiny() {
        MailTemplate template = new MailTemplate("{{a}}", "{{ a }}{{a}}", "{{a}}");

        assertThat(template.render(Map.of("a", "$1 \\ {{b}}"))).isEqualTo(
                new MailTemplate.Rendered("$1 \\ {{b}}", "$1 \\ {{b}}$1 \\ {{b}}", "$1 \\ {{b}}"));
    }
}
