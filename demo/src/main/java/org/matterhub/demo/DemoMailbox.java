package org.matterhub.demo;

import jakarta.mail.Address;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * {@code ./matterhub mail} and {@code ./matterhub reply}: a demo user's mailbox on the demo's mail server
 * ({@link DemoMailServer}), read over IMAP, and a reply to one of its mails sent over SMTP as a mail program would send
 * it (to the mail's {@code Reply-To}, quoting the mail below the answer), so that it reaches the hub's reply mailbox and
 * lands in the thread. Plain Jakarta Mail against 127.0.0.1; run from the demo's jar without starting the hub:
 * <pre>
 *   mail &lt;email&gt; [--show N]        list what &lt;email&gt; received, oldest first (or mail N in full)
 *   reply &lt;email&gt; &lt;N&gt; &lt;text&gt;       answer mail N as &lt;email&gt;
 * </pre>
 * The ports are the demo's ({@code 8025} SMTP, {@code 8143} IMAP) unless {@code MAIL_SMTP_PORT}/{@code MAIL_IMAP_PORT}
 * say otherwise.
 */
public final class DemoMailbox {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final String HOST = "127.0.0.1";

    private final int smtpPort;
    private final int imapPort;

    public DemoMailbox(int smtpPort, int imapPort) {
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
    }

    /** One received mail: its number in the mailbox (1 = oldest) and what a reader and a reply need. */
    public record Mail(int number, Instant date, String from, String to, String subject, String replyTo,
                       String messageId, String references, String text) {

        /** The first {@code lines} non-blank lines of the text. */
        public String preview(int lines) {
            return text.lines().filter(l -> !l.isBlank()).limit(lines).collect(Collectors.joining("\n"));
        }
    }

    /** Everything {@code email} received, oldest first; empty if the mailbox is empty. */
    public List<Mail> read(String email) throws MessagingException, IOException {
        Store store = session().getStore("imap");
        store.connect(HOST, imapPort, email, DemoMailServer.PASSWORD);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                List<Mail> mails = new ArrayList<>();
                Message[] messages = inbox.getMessages();
                for (int i = 0; i < messages.length; i++) {
                    mails.add(mail(i + 1, (MimeMessage) messages[i]));
                }
                return mails;
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
    }

    /** Mail {@code n} of {@code email}'s mailbox. */
    public Mail get(String email, int n) throws MessagingException, IOException {
        List<Mail> mails = read(email);
        if (n < 1 || n > mails.size()) {
            throw new IllegalArgumentException(email + " has " + mails.size() + " mail(s); there is no mail " + n);
        }
        return mails.get(n - 1);
    }

    /**
     * Answers mail {@code n} of {@code email}'s mailbox with {@code text}, as {@code email}, to its {@code Reply-To}
     * (its sender when it has none), quoting it below the answer as mail programs do; answers the mail sent.
     */
    public MimeMessage reply(String email, int n, String text) throws MessagingException, IOException {
        Mail original = get(email, n);
        MimeMessage m = new MimeMessage(session());
        m.setFrom(new InternetAddress(email));
        m.setRecipients(Message.RecipientType.TO, original.replyTo() != null ? original.replyTo() : original.from());
        m.setSubject(original.subject() == null || original.subject().startsWith("Re:") ? original.subject()
                : "Re: " + original.subject(), "UTF-8");
        if (original.messageId() != null) {
            m.setHeader("In-Reply-To", original.messageId());
            m.setHeader("References", (original.references() == null ? "" : original.references() + " ")
                    + original.messageId());
        }
        String quoted = original.text().lines().map(l -> "> " + l).collect(Collectors.joining("\n"));
        m.setText(text + "\n\nOn " + WHEN.format(original.date().atZone(ZoneId.systemDefault())) + ", "
                + original.from() + " wrote:\n" + quoted + "\n", "UTF-8");
        m.saveChanges();
        Transport.send(m);
        return m;
    }

    /** The listing {@code ./matterhub mail <email>} prints. */
    public static String listing(String email, List<Mail> mails) {
        if (mails.isEmpty()) {
            return "No mail for " + email + ".\n";
        }
        StringBuilder s = new StringBuilder();
        for (Mail m : mails) {
            s.append(String.format("%3d  %s  %s%n     %s%n", m.number(),
                    WHEN.format(m.date().atZone(ZoneId.systemDefault())), m.from(), m.subject()));
            m.preview(2).lines().forEach(l -> s.append("     | ").append(l).append('\n'));
        }
        return s.append("\n").append(mails.size()).append(" mail(s). Read one: ./matterhub mail ").append(email)
                .append(" --show N; answer it: ./matterhub reply ").append(email).append(" N \"text\"\n").toString();
    }

    /** Mail {@code m} in full, as {@code --show} prints it. */
    public static String full(Mail m) {
        return "Date:       " + WHEN.format(m.date().atZone(ZoneId.systemDefault())) + "\nFrom:       " + m.from()
                + "\nTo:         " + m.to() + "\nReply-To:   " + (m.replyTo() == null ? "-" : m.replyTo())
                + "\nSubject:    " + m.subject() + "\nMessage-ID: " + m.messageId() + "\n\n" + m.text() + "\n";
    }

    private Session session() {
        Properties props = new Properties();
        props.put("mail.smtp.host", HOST);
        props.put("mail.smtp.port", String.valueOf(smtpPort));
        props.put("mail.smtp.connectiontimeout", "5000");
        props.put("mail.smtp.timeout", "10000");
        props.put("mail.imap.connectiontimeout", "5000");
        props.put("mail.imap.timeout", "10000");
        return Session.getInstance(props);
    }

    private static Mail mail(int number, MimeMessage m) throws MessagingException, IOException {
        Instant date = m.getSentDate() != null ? m.getSentDate().toInstant()
                : m.getReceivedDate() != null ? m.getReceivedDate().toInstant() : Instant.EPOCH;
        Address[] replyTo = m.getHeader("Reply-To") == null ? null : m.getReplyTo();
        return new Mail(number, date, addresses(m.getFrom()), addresses(m.getRecipients(Message.RecipientType.TO)),
                m.getSubject(), replyTo == null || replyTo.length == 0 ? null : ((InternetAddress) replyTo[0]).getAddress(),
                m.getMessageID(), m.getHeader("References", " "), text(m));
    }

    private static String addresses(Address[] addresses) {
        if (addresses == null) {
            return "";
        }
        List<String> all = new ArrayList<>();
        for (Address a : addresses) {
            all.add(a instanceof InternetAddress ia ? ia.toUnicodeString() : a.toString());
        }
        return String.join(", ", all);
    }

    /** The plain-text part of a mail (notifications are text + HTML), or a note when there is none. */
    private static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return part.getContent().toString().replace("\r\n", "\n").stripTrailing();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart parts = (Multipart) part.getContent();
            for (int i = 0; i < parts.getCount(); i++) {
                String t = text(parts.getBodyPart(i));
                if (t != null) {
                    return t;
                }
            }
        }
        return part instanceof MimeMessage ? "(no plain-text part)" : null;
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        DemoMailbox box = new DemoMailbox(port("MAIL_SMTP_PORT", 8025), port("MAIL_IMAP_PORT", 8143));
        try {
            if (args.length >= 2 && "mail".equals(args[0])) {
                if (args.length == 4 && "--show".equals(args[2])) {
                    out.print(full(box.get(args[1], Integer.parseInt(args[3]))));
                } else if (args.length == 2) {
                    out.print(listing(args[1], box.read(args[1])));
                } else {
                    usage();
                }
            } else if (args.length == 4 && "reply".equals(args[0])) {
                MimeMessage sent = box.reply(args[1], Integer.parseInt(args[2]), args[3]);
                out.println("Sent to " + sent.getHeader("To", ", ") + ". The hub reads its reply mailbox every few "
                        + "seconds; the answer then shows in the thread.");
            } else {
                usage();
            }
        } catch (jakarta.mail.AuthenticationFailedException e) {
            fail("No demo mailbox for " + args[1] + " (the demo users: ./matterhub token --list).");
        } catch (MessagingException e) {
            fail("The demo's mail server did not answer on 127.0.0.1 (is ./matterhub demo running?): " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            fail(e.getMessage());
        }
    }

    private static int port(String variable, int fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    }

    private static void usage() {
        fail("usage: ./matterhub mail <email> [--show N] | reply <email> <N> \"text\"");
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
