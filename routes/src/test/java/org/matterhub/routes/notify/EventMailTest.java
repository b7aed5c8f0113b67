package org.matterhub.routes.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.matterhub.connectors.mail.OutgoingMail;
import org.matterhub.portal.notify.NotificationCategories;
import org.matterhub.store.model.NotificationDigestRepository.Item;
import org.matterhub.store.model.NotificationDigestRepository.Prepared;
import org.matterhub.store.model.NotificationEventRepository.EventText;
import org.matterhub.store.model.NotificationMailRepository.Pending;

class EventMailTest {

    static final UUID MATTER = UUID.randomUUID();
    static final UUID SUBJECT = UUID.randomUUID();
    static final Pending NOTE = new Pending(UUID.randomUUID(), "document.approval_requested", "documents", UUID.randomUUID(),
            "ada@acme.example", "Ada", MATTER, "0042", null, null, null, null, Instant.parse("2026-12-01T09:15:00Z"));
    static final EventMail MAIL = new EventMail(null, DigestMailTest.ADDRESS);

    @ParameterizedTest
    @CsvSource({
            "document.published, document, A document was published, /portal/documents/",
            "document.approval_requested, document, A document awaits your approval, /portal/documents/",
            "document.version_replaced, document, A document has a new version, /portal/documents/",
            "invoice.issued, invoice, An invoice was issued, /portal/invoices/",
            "invoice.due, invoice, An invoice is due, /portal/invoices/",
            "invoice.overdue, invoice, An invoice is overdue, /portal/invoices/",
            "matter.status_changed, matter, A matter changed status, /portal/matters/",
            "client.activity, document, A client was active on a matter, /portal/documents/"})
    void withoutTheFirmsConsentAMailSaysWhatKindOfThingHappenedAndLinksToIt(String kind, String type, String what, String path) {
        OutgoingMail mail = MAIL.compose(NOTE, new EventText(kind, type, SUBJECT, MATTER, "Draft “SPA” v3 for Acme"),
                DigestMailTest.SENDER, false);
        assertThat(mail.content().subject()).isEqualTo(what);
        assertThat(mail.content().text()).contains(what + " in the client portal.")
                .contains("https://portal.harbour.example" + path + SUBJECT)
                .doesNotContain("SPA").doesNotContain("Acme").doesNotContain("0042");
        assertThat(mail.replyToken()).isNull();
        assertThat(mail.threadId()).isNull();
    }

    @Test
    void withItTheMailNamesTheEventAndTheMatterEscapedInHtml() {
        var content = MAIL.compose(NOTE, new EventText("document.approval_requested", "document", SUBJECT, MATTER,
                "Your approval is requested: “Draft <SPA>”"), DigestMailTest.SENDER, true).content();
        assertThat(content.subject()).isEqualTo("Your approval is requested: “Draft <SPA>” (matter 0042)");
        assertThat(content.text()).contains("Your approval is requested: “Draft <SPA>” (matter 0042).");
        assertThat(content.html()).contains("Draft &lt;SPA&gt;").doesNotContain("<SPA>");
    }

    @Test
    void theHooksLinkToTheirMatter() {
        assertThat(EventMail.path(new EventText("signature.requested", "signature_request", SUBJECT, MATTER, "t")))
                .isEqualTo("/portal/matters/" + MATTER);
        assertThat(EventMail.path(new EventText("appointment.reminder", "appointment", SUBJECT, null, "t"))).isEqualTo("/portal");
    }

    @Test
    void everyKindHasItsOwnWordsInMailsAndDigests() {
        for (var kind : NotificationCategories.KINDS) {
            assertThat(DigestMail.WHAT).as(kind.name()).containsKey(kind.name());
        }
        Prepared digest = new Prepared(UUID.randomUUID(), UUID.randomUUID(), "daily", LocalDate.parse("2026-12-07"),
                "<d.y@portal.harbour.example>", 2, Instant.parse("2026-12-07T08:00:00Z"), "ada@acme.example", "Ada", "UTC");
        List<Item> items = List.of(
                new Item(UUID.randomUUID(), "invoice.overdue", "Invoice INV-9 is overdue", null, null, null, null, null, null,
                        Instant.parse("2026-12-06T10:00:00Z")),
                new Item(UUID.randomUUID(), "client.activity", "Client approved “Lease”", MATTER, "0042", null, null, null,
                        null, Instant.parse("2026-12-06T11:00:00Z")));
        String plain = DigestMail.compose(digest, items, DigestMailTest.SENDER, false, DigestMailTest.ADDRESS).content().text();
        assertThat(plain).contains("An invoice is overdue").contains("A client was active on a matter")
                .doesNotContain("INV-9").doesNotContain("Lease");
        String named = DigestMail.compose(digest, items, DigestMailTest.SENDER, true, DigestMailTest.ADDRESS).content().text();
        assertThat(named).contains("Invoice INV-9 is overdue").contains("Client approved “Lease” (0042)");
    }
}
