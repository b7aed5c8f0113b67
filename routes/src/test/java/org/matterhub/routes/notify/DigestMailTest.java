package org.matterhub.routes.notify;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.matterhub.connectors.mail.OutgoingMail;
import org.matterhub.connectors.mail.ReplyAddress;
import org.matterhub.connectors.mail.SenderIdentity;
import org.matterhub.routes.engine.PublicAddress;
import org.matterhub.store.model.NotificationDigestRepository.Item;
import org.matterhub.store.model.NotificationDigestRepository.Prepared;

class DigestMailTest {

    static final SenderIdentity SENDER = new SenderIdentity("Harbour Law", "notifications@harbour.example",
            "portal.harbour.example", ReplyAddress.of("portal.harbour.example"));
    static final PublicAddress ADDRESS = new PublicAddress("https://portal.harbour.example");
    static final UUID THREAD = UUID.randomUUID();
    static final UUID MATTER = UUID.randomUUID();
    static final Prepared DIGEST = new Prepared(UUID.randomUUID(), UUID.randomUUID(), "weekly", LocalDate.parse("2026-12-07"),
            "<d.x@portal.harbour.example>", 2, Instant.parse("2026-12-07T19:00:00Z"), "ada@acme.example", "Ada",
            "Pacific/Auckland");
    static final List<Item> ITEMS = List.of(
            new Item(UUID.randomUUID(), "message.posted", "New message in “Sale <of> shares”", MATTER, "0042",
                    THREAD, "Sale <of> shares", "Please sign\n by Friday", "Sarah Chen", Instant.parse("2026-12-01T09:15:00Z")),
            new Item(UUID.randomUUID(), "document.published", "Draft SPA v3", MATTER, "0042", null, null, null, null,
                    Instant.parse("2026-12-02T23:30:00Z")));

    @Test
    void withoutTheFirmsConsentADigestSaysWhatHappenedAndLinksButNamesNothing() throws Exception {
        OutgoingMail mail = DigestMail.compose(DIGEST, ITEMS, SENDER, false, ADDRESS);
        var content = mail.content();
        assertThat(content.subject()).isEqualTo("Your weekly summary: 2 updates");
        assertThat(content.text()).contains("week of Monday 7 December 2026")
                .contains("- Tue 1 Dec 22:15: A new message\n  https://portal.harbour.example/portal/threads/" + THREAD)
                .contains("- Thu 3 Dec 12:30: A document was published\n  https://portal.harbour.example/portal/matters/" + MATTER)
                .doesNotContain("Sale").doesNotContain("sign").doesNotContain("Sarah").doesNotContain("SPA")
                .doesNotContain("0042");
        assertThat(content.html()).doesNotContain("Sale").contains("<li>");
    }

    @Test
    void withItEachLineNamesItsThreadAuthorAndTextEscapedInHtml() {
        var content = DigestMail.compose(DIGEST, ITEMS, SENDER, true, ADDRESS).content();
        assertThat(content.text()).contains("New message in “Sale <of> shares” (0042)\n  Sarah Chen: Please sign by Friday")
                .contains("Draft SPA v3 (0042)");
        assertThat(content.html()).contains("Sale &lt;of&gt; shares").doesNotContain("<of>");
    }

    @Test
    void theMailCarriesTheDigestsOwnMessageIdThroughEverySave() throws Exception {
        Session session = Session.getInstance(new Properties());
        MimeMessage message = DigestMailer.withMessageId(DigestMail.compose(DIGEST, ITEMS, SENDER, false, ADDRESS)
                .toMimeMessage(session), DIGEST.messageId());
        message.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        MimeMessage parsed = new MimeMessage(session, new ByteArrayInputStream(out.toByteArray()));
        assertThat(parsed.getMessageID()).isEqualTo("<d.x@portal.harbour.example>");
        assertThat(parsed.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(parsed.getHeader("List-Unsubscribe", null)).isEqualTo("<https://portal.harbour.example/portal/preferences>");
        assertThat(parsed.getHeader("Reply-To")).isNull();
        assertThat(parsed.getHeader("In-Reply-To")).isNull();
    }
}
