package org.matterhub.connectors.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * One notification e-mail, composed as {@code multipart/alternative} (text, then HTML) with the headers that make it
 * behave in the recipient's mail program:
 * <ul>
 *   <li>{@code Message-ID} {@code <n.<notificationId>@<domain>>}: stable, so a retried send is the same message;</li>
 *   <li>{@code In-Reply-To} and {@code References} {@code <t.<threadId>@<domain>>}: every notification about one matter
 *       thread, and the replies to them, thread together;</li>
 *   <li>{@code Reply-To} the firm's token address ({@link ReplyAddress}) when the mail may be answered;</li>
 *   <li>{@code List-Unsubscribe} the preferences URL, with {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click}
 *       (RFC 8058: the URL must act on a POST without further confirmation);</li>
 *   <li>{@code Auto-Submitted: auto-generated} (RFC 3834) and {@code X-Auto-Response-Suppress: All}, so that
 *       auto-responders stay quiet; {@link #LOOP_HEADER}, so that a notification that comes back is recognised.</li>
 * </ul>
 *
 * @param threadId        the matter thread, or {@code null} for mail about no thread (an invitation)
 * @param replyToken      the token for {@code Reply-To}, or {@code null} when replies are not taken
 * @param preferencesUrl  the one-click unsubscribe / preferences URL, or {@code null} (an invitation)
 */
public record OutgoingMail(SenderIdentity sender, String to, String toName, MailTemplate.Rendered content,
                           String notificationId, String threadId, ReplyToken replyToken, URI preferencesUrl,
                           Instant date) {

    /** Header naming the notification a mail carries; its presence on incoming mail means the mail is ours. */
    public static final String LOOP_HEADER = "X-Matterhub-Notification";

    private static final Pattern ID_PART = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    public OutgoingMail {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(date, "date");
        requireIdPart(notificationId, "notificationId");
        if (threadId != null) {
            requireIdPart(threadId, "threadId");
        }
        if (preferencesUrl != null && !"https".equalsIgnoreCase(preferencesUrl.getScheme())
                && !"http".equalsIgnoreCase(preferencesUrl.getScheme())) {
            throw new IllegalArgumentException("preferences URL must be http(s): " + preferencesUrl);
        }
    }

    /** The {@code Message-ID} of notification {@code notificationId} sent from {@code domain}. */
    public static String messageId(String domain, String notificationId) {
        return "<n." + notificationId + "@" + domain + ">";
    }

    /** The {@code Message-ID} every notification about thread {@code threadId} refers to. */
    public static String threadReference(String domain, String threadId) {
        return "<t." + threadId + "@" + domain + ">";
    }

    /**
     * This mail as a MIME message of {@code session}; its {@code Message-ID} survives {@code saveChanges()}, which
     * would otherwise replace it with a random one.
     */
    public MimeMessage toMimeMessage(Session session) {
        String messageId = messageId(sender.messageIdDomain(), notificationId);
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        try {
            message.setFrom(new InternetAddress(sender.fromAddress(), sender.fromName(), "UTF-8"));
            message.setRecipient(MimeMessage.RecipientType.TO, recipient());
            message.setSubject(content.subject(), "UTF-8");
            message.setSentDate(Date.from(date));
            if (replyToken != null) {
                message.setReplyTo(new InternetAddress[] {new InternetAddress(
                        sender.replyAddress().format(replyToken), sender.fromName(), "UTF-8")});
            }
            if (threadId != null) {
                String reference = threadReference(sender.messageIdDomain(), threadId);
                message.setHeader("In-Reply-To", reference);
                message.setHeader("References", reference);
            }
            if (preferencesUrl != null) {
                message.setHeader("List-Unsubscribe", "<" + preferencesUrl.toASCIIString() + ">");
                message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
            message.setHeader("Auto-Submitted", "auto-generated");
            message.setHeader("X-Auto-Response-Suppress", "All");
            message.setHeader(LOOP_HEADER, notificationId);
            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(content.text(), "UTF-8", "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(content.html(), "UTF-8", "html");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            message.setContent(alternative);
            message.saveChanges();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("could not compose notification " + notificationId, e);
        }
        return message;
    }

    /** This mail in RFC 5322 form. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            toMimeMessage(Session.getInstance(new Properties())).writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException("could not write notification " + notificationId, e);
        }
        return out.toByteArray();
    }

    private InternetAddress recipient() throws IOException, MessagingException {
        InternetAddress address = new InternetAddress(to, true);
        if (toName != null && !toName.isBlank()) {
            address.setPersonal(toName, StandardCharsets.UTF_8.name());
        }
        return address;
    }

    private static void requireIdPart(String value, String name) {
        if (value == null || !ID_PART.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be 1-100 letters, digits, '.', '_' or '-': " + value);
        }
    }
}
