package org.matterhub.connectors.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Address;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reply by e-mail against a real mail server: every fixture in {@code mail/replies} is sent through GreenMail's SMTP
 * server to the firm's reply mailbox, read back over IMAP with Jakarta Mail, and run through {@link IncomingReply}.
 * Each row of {@link ReplyTable} names the exact text that is posted or the verdict.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplyByMailTest {

    static final String MAILBOX = "replies@firm.example";
    static final SenderIdentity FIRM = OutgoingMailTest.FIRM;
    static final Path FIXTURES = fixtures();

    final ReplyTokens tokens = new ReplyTokens(ReplyTokenKeys.single(ReplyTokensTest.key("k0")),
            ReplyTokensTest.at(ReplyTokensTest.NOW));
    final Map<Long, ReplyToken.Subject> issued = new HashMap<>();
    final Set<Long> revoked = new HashSet<>();
    final Map<ReplyTable.TokenKind, String> addresses = new HashMap<>();
    ReplyToken aliceToken;

    GreenMail mail;
    final Map<String, List<ReplyVerdict>> verdictsByMessageId = new LinkedHashMap<>();
    final List<ReplyVerdict> inDeliveryOrder = new ArrayList<>();

    @BeforeAll
    void sendEveryFixtureAndReadTheMailboxBack() throws Exception {
        issueTokens();
        mail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
        mail.setUser(MAILBOX, MAILBOX, "secret");
        mail.start();
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(mail.getSmtp().getPort()));
        props.put("mail.imap.host", "127.0.0.1");
        props.put("mail.imap.port", String.valueOf(mail.getImap().getPort()));
        Session session = Session.getInstance(props);
        int sent = 0;
        try (Transport smtp = session.getTransport("smtp")) {
            smtp.connect();
            for (ReplyTable.Row row : ReplyTable.ROWS) {
                for (int i = 0; i < row.deliveries(); i++) {
                    SMTPMessage message = new SMTPMessage(session, new ByteArrayInputStream(fixture(row)));
                    // GreenMail refuses MAIL FROM:<>; a bounce's null return path is in its fixture's Return-Path header.
                    message.setEnvelopeFrom(row.fromDaemon() ? "mailer-daemon@mx.client.example" : "sender@client.example");
                    smtp.sendMessage(message, new Address[] {new InternetAddress(MAILBOX)});
                    sent++;
                }
            }
        }
        assertThat(mail.waitForIncomingEmail(10_000, sent)).isTrue();

        IncomingReply reader = new IncomingReply(FIRM, tokens, id -> Optional.ofNullable(issued.get(id)),
                revoked::contains, this::addressesOf);
        try (Store imap = session.getStore("imap")) {
            imap.connect(MAILBOX, "secret");
            Folder inbox = imap.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message[] messages = inbox.getMessages();
            assertThat(messages).hasSize(sent);
            for (Message fetched : messages) {
                // A local copy: one FETCH BODY[] per message instead of a round trip per header and part.
                MimeMessage message = new MimeMessage((MimeMessage) fetched);
                ReplyVerdict verdict = reader.read(message);
                if (fetched.getMessageNumber() <= 3) {
                    assertThat(reader.read((MimeMessage) fetched)).as("read lazily over IMAP").isEqualTo(verdict);
                }
                inDeliveryOrder.add(verdict);
                verdictsByMessageId.computeIfAbsent(message.getMessageID(), k -> new ArrayList<>())
                        .add(verdict);
            }
            inbox.close(false);
        }
    }

    @AfterAll
    void stop() {
        if (mail != null) {
            mail.stop();
        }
    }

    private void issueTokens() {
        aliceToken = record(tokens.issue(ReplyTokensTest.ALICE, ReplyTokensTest.THREAD, Duration.ofDays(30)));
        ReplyTokens monthsAgo = new ReplyTokens(ReplyTokenKeys.single(ReplyTokensTest.key("k0")),
                ReplyTokensTest.at(ReplyTokensTest.NOW.minus(Duration.ofDays(60))));
        ReplyToken expired = record(monthsAgo.issue(ReplyTokensTest.ALICE, ReplyTokensTest.THREAD, Duration.ofDays(30)));
        ReplyToken revokedToken = record(tokens.issue(ReplyTokensTest.ALICE, ReplyTokensTest.THREAD, Duration.ofDays(30)));
        revoked.add(revokedToken.tokenId());
        ReplyToken bobs = record(tokens.issue(ReplyTokensTest.BOB, ReplyTokensTest.THREAD, Duration.ofDays(30)));
        String valid = aliceToken.text();
        String tampered = valid.substring(0, 30) + (valid.charAt(30) == 'q' ? 'r' : 'q') + valid.substring(31);
        ReplyAddress reply = FIRM.replyAddress();
        addresses.put(ReplyTable.TokenKind.ALICE, reply.format(aliceToken));
        addresses.put(ReplyTable.TokenKind.EXPIRED, reply.format(expired));
        addresses.put(ReplyTable.TokenKind.REVOKED, reply.format(revokedToken));
        addresses.put(ReplyTable.TokenKind.BOB, reply.format(bobs));
        addresses.put(ReplyTable.TokenKind.TAMPERED, "reply+" + tampered + "@firm.example");
    }

    private ReplyToken record(ReplyToken token) {
        issued.put(token.tokenId(), token.subject());
        return token;
    }

    private Set<String> addressesOf(UUID person) {
        if (person.equals(ReplyTokensTest.ALICE)) {
            return Set.of("alice@client.example");
        }
        return person.equals(ReplyTokensTest.BOB) ? Set.of("Bob@Client.Example") : Set.of();
    }

    private byte[] fixture(ReplyTable.Row row) {
        try {
            String text = Files.readString(FIXTURES.resolve(row.fixture() + ".eml"), StandardCharsets.UTF_8);
            return text.replace("{{to}}", addresses.get(row.token())).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path fixtures() {
        try {
            return Paths.get(ReplyByMailTest.class.getResource("/mail/replies").toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String messageIdOf(ReplyTable.Row row) {
        try (InputStream in = Files.newInputStream(FIXTURES.resolve(row.fixture() + ".eml"))) {
            return new MimeMessage(Session.getInstance(new Properties()), in).getMessageID();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<ReplyTable.Row> rows() {
        return ReplyTable.ROWS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eachReplyHasTheExpectedVerdict(ReplyTable.Row row) {
        String messageId = messageIdOf(row);
        List<ReplyVerdict> verdicts = verdictsByMessageId.get(messageId);

        assertThat(verdicts).as("deliveries of %s", messageId).hasSize(row.deliveries());
        for (ReplyVerdict verdict : verdicts) {
            assertThat(verdict.messageId()).contains(messageId);
            row.expected().check(verdict, aliceToken);
        }
    }

    @Test
    void theTableCoversEveryFixtureAndAtLeastFortyReplies() throws IOException {
        Set<String> files = new HashSet<>();
        try (Stream<Path> list = Files.list(FIXTURES)) {
            list.forEach(p -> files.add(p.getFileName().toString().replaceFirst("\\.eml$", "")));
        }
        assertThat(ReplyTable.ROWS).hasSizeGreaterThanOrEqualTo(40);
        assertThat(ReplyTable.ROWS.stream().map(ReplyTable.Row::fixture)).containsExactlyInAnyOrderElementsOf(files);
    }

    @Test
    void deduplicatedByMessageIdEachAcceptedReplyPostsOnce() {
        Set<String> seen = new HashSet<>();
        Map<String, Integer> posts = new HashMap<>();
        for (ReplyVerdict verdict : inDeliveryOrder) {
            if (verdict instanceof ReplyVerdict.Post post && seen.add(post.messageId().orElseThrow())) {
                posts.merge(post.messageId().get(), 1, Integer::sum);
            }
        }
        long postingRows = ReplyTable.ROWS.stream().filter(r -> r.expected() instanceof ReplyTable.Posts).count();

        assertThat(posts).hasSize((int) postingRows).allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
        assertThat(verdictsByMessageId.get("<dup0047@client.example>")).hasSize(2)
                .allMatch(v -> v instanceof ReplyVerdict.Post);
    }

    @Test
    void noScriptOrMarkupEverReachesAPostedText() {
        assertThat(inDeliveryOrder).filteredOn(v -> v instanceof ReplyVerdict.Post).isNotEmpty()
                .allSatisfy(v -> assertThat(((ReplyVerdict.Post) v).text())
                        .doesNotContain("alert", "steal", "javascript", "onerror", "frame text", "svg text",
                                "noscript text", "<div", "<p>", "<script", "MsoNormal", "gmail_quote"));
    }
}
