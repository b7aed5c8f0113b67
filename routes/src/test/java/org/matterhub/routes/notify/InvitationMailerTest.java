package org.matterhub.routes.notify;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.ConnectException;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.matterhub.connectors.kernel.ErrorClass;
import org.matterhub.routes.engine.PublicAddress;
import org.matterhub.store.model.PortalUserRepository.PortalUser;
import org.matterhub.store.sync.OutboxEntry;

/** The invitation e-mail's content and headers, and the table of mail server failures. */
class InvitationMailerTest {

    static final MailProperties MAIL = new MailProperties(true, "smtp://127.0.0.1:25", "notifications@harbour.example",
            "harbour.example", null);
    static final InvitationMailer MAILER = new InvitationMailer(null, null,
            new MailOutlet(null, MAIL, new PublicAddress("https://portal.harbour.example")));

    @Test
    void theMailLinksToSignInWithTheAddressAndNamesNothingElse() throws Exception {
        PortalUser user = new PortalUser(UUID.randomUUID(), UUID.randomUUID(), "ana+legal@northwind.example", "Ana <Ruiz>",
                "client", null, "invited", null);
        OutboxEntry entry = new OutboxEntry(42, user.firmId(), null, "invitation.mail", "portal_user", user.id(),
                "{}", "invitation.mail:x", 0);
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(
                MAILER.compose(entry, user, "Harbour Law").toBytes()));

        assertThat(m.getMessageID()).isEqualTo("<n.invitation-42@harbour.example>");
        assertThat(((InternetAddress) m.getFrom()[0]).getPersonal()).isEqualTo("Harbour Law");
        assertThat(m.getSubject()).isEqualTo("You are invited to the Harbour Law client portal");
        assertThat(m.getHeader("Auto-Submitted", ",")).isEqualTo("auto-generated");
        assertThat(m.getReplyTo()).extracting(a -> ((InternetAddress) a).getAddress()).containsExactly("notifications@harbour.example");
        assertThat(m.getHeader("List-Unsubscribe")).isNull();
        assertThat(m.getHeader("In-Reply-To")).isNull();
        String text = (String) ((jakarta.mail.Multipart) m.getContent()).getBodyPart(0).getContent();
        String html = (String) ((jakarta.mail.Multipart) m.getContent()).getBodyPart(1).getContent();
        assertThat(text).contains("https://portal.harbour.example/portal/sign-in?login_hint=ana%2Blegal%40northwind.example")
                .contains("Hello Ana <Ruiz>,");
        assertThat(html).contains("Ana &lt;Ruiz&gt;").doesNotContain("<Ruiz>");
    }

    static Stream<Arguments> failures() throws Exception {
        SendFailedException refused = new SendFailedException("550 no such user", null, new InternetAddress[0], null,
                new InternetAddress[] {new InternetAddress("nobody@northwind.example")});
        return Stream.of(
                Arguments.of("a refused address", refused, ErrorClass.PERMANENT),
                Arguments.of("a refused address, through Camel", new CamelExecutionException("x", null, refused),
                        ErrorClass.PERMANENT),
                Arguments.of("a temporary refusal (4xx)", new SendFailedException("451 try later"), ErrorClass.RETRIABLE),
                Arguments.of("no connection", new MessagingException("connect", new ConnectException("refused")),
                        ErrorClass.RETRIABLE),
                Arguments.of("no connection, through Camel", new CamelExecutionException("x", null,
                        new MessagingException("connect", new ConnectException("refused"))), ErrorClass.RETRIABLE),
                Arguments.of("a bug", new IllegalStateException("bug"), ErrorClass.PERMANENT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void mailServerFailuresAreClassified(String name, Throwable failure, ErrorClass expected) {
        assertThat(MAILER.classifier().classify(failure)).isEqualTo(expected);
    }
}
