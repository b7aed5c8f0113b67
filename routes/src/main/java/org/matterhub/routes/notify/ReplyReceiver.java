package org.matterhub.routes.notify;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.ProducerTemplate;
import org.matterhub.connectors.mail.IncomingReply;
import org.matterhub.connectors.mail.MailTemplate;
import org.matterhub.connectors.mail.OutgoingMail;
import org.matterhub.connectors.mail.ReplyAddress;
import org.matterhub.connectors.mail.ReplyToken;
import org.matterhub.connectors.mail.ReplyTokens;
import org.matterhub.connectors.mail.ReplyVerdict;
import org.matterhub.connectors.mail.SenderIdentity;
import org.matterhub.portal.conversation.MessageMirror;
import org.matterhub.store.audit.AuditLog;
import org.matterhub.store.model.ConversationRepository;
import org.matterhub.store.model.ConversationRepository.NewMessage;
import org.matterhub.store.model.ConversationRepository.Posted;
import org.matterhub.store.model.NotificationMailRepository;
import org.matterhub.store.model.ReplyMailRepository;
import org.matterhub.store.model.ReplyMailRepository.TokenRecord;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Reads one mail from the reply mailbox and does what its verdict says ({@link IncomingReply}: the token must verify,
 * the sender must be the token's person; automatic mail is never posted). A reply is then posted to the token's thread
 * once, in the person's own scope, so row-level security decides whether they still see it; a refused reply is
 * recorded for ops and its sender told once (never an automatic mail, never one of ours). Every outcome of a mail the
 * hub can attribute to a firm is a row of {@code inbound_mail}; a mail of no firm (no token, or a token nobody issued)
 * is logged and dropped, since no firm's address may answer it.
 */
@Service
public class ReplyReceiver {

    private static final Logger log = LoggerFactory.getLogger(ReplyReceiver.class);
    static final MailTemplate REFUSAL = new MailTemplate("Your e-mail was not added to the conversation",
            "Your e-mail could not be added to the conversation in the client portal.\n\n"
                    + "If you meant to answer, please sign in to the portal and write there: {{link}}\n",
            "<p>Your e-mail could not be added to the conversation in the client portal.</p>"
                    + "<p>If you meant to answer, please <a href=\"{{link}}\">sign in to the portal</a> and write there.</p>");

    private final Tenancy tenancy;
    private final ReplyMailRepository replies;
    private final ConversationRepository conversation;
    private final MessageMirror mirror;
    private final AuditLog audit;
    private final ReplyTokens tokens;
    private final ProducerTemplate producer;
    private final MailProperties mail;
    private final org.matterhub.routes.engine.PublicAddress address;
    private final Session session = Session.getInstance(new Properties());
    private final NotificationMailRepository firms;

    public ReplyReceiver(Tenancy tenancy, ReplyMailRepository replies, ConversationRepository conversation,
                         MessageMirror mirror, AuditLog audit, ReplyTokens tokens, ProducerTemplate producer,
                         MailProperties mail, org.matterhub.routes.engine.PublicAddress address,
                         NotificationMailRepository firms) {
        this.firms = firms;
        this.tenancy = tenancy;
        this.replies = replies;
        this.conversation = conversation;
        this.mirror = mirror;
        this.audit = audit;
        this.tokens = tokens;
        this.producer = producer;
        this.mail = mail;
        this.address = address;
    }

    /** Handles one mail; answers what became of it ({@code posted}, {@code duplicate}, {@code ignored}, …). */
    public String receive(MimeMessage message) {
        AtomicReference<TokenRecord> resolved = new AtomicReference<>();
        IncomingReply reader = new IncomingReply(identity(), tokens,
                id -> replies.token(id).map(t -> {
                    resolved.set(t);
                    return new ReplyToken.Subject(t.userId(), t.threadId());
                }),
                id -> replies.token(id).map(TokenRecord::revoked).orElse(true),
                person -> {
                    TokenRecord t = resolved.get();
                    return t == null ? Set.of() : tenancy.read(TenantScope.system(t.firmId()),
                            () -> replies.activeEmail(person)).map(Set::of).orElse(Set.of());
                });
        ReplyVerdict verdict = reader.read(message);
        if (resolved.get() == null && verdict instanceof ReplyVerdict.Ignore) {
            // Automatic mail is set aside before its token is read; a valid token still says whose it is, for ops.
            attribute(message, resolved);
        }
        TokenRecord token = resolved.get();
        Optional<String> messageId = verdict.messageId();
        if (token == null || messageId.isEmpty()) {
            log.info("Mail {} dropped: {} (no firm's token)", messageId.orElse("without a Message-ID"), describe(verdict));
            return "dropped";
        }
        String id = messageId.get();
        TenantScope system = TenantScope.system(token.firmId());
        if (tenancy.read(system, () -> replies.seen(id))) {
            return "duplicate";
        }
        if (verdict instanceof ReplyVerdict.Post post) {
            return post(token, id, post);
        }
        if (verdict instanceof ReplyVerdict.Ignore ignore) {
            tenancy.write(system, () -> replies.record(id, token.tokenId(), token.threadId(), "ignored",
                    ignore.reason().name(), null, false));
            return "ignored";
        }
        ReplyVerdict.Refuse refuse = (ReplyVerdict.Refuse) verdict;
        return refuse(token, id, refuse.reason().name(), refuse.replyTo());
    }

    private String post(TokenRecord token, String messageId, ReplyVerdict.Post post) {
        boolean firmPerson = tenancy.read(TenantScope.system(token.firmId()), () -> replies.isFirmPerson(token.userId()));
        TenantScope theirs = firmPerson ? TenantScope.staff(token.firmId(), token.userId())
                : TenantScope.client(token.firmId(), token.userId());
        String text = text(post);
        Optional<Posted> posted = tenancy.write(theirs, () -> {
            if (conversation.thread(token.threadId(), token.userId()).isEmpty()) {
                return Optional.<Posted>empty();
            }
            Posted p = conversation.post(new NewMessage(token.threadId(), token.userId(), firmPerson ? "staff" : "client",
                    null, text, "[]", "email", messageId));
            if (p.stored()) {
                mirror.queue(p.message());
                audit.record("message.posted", "message", p.message().id().toString(), Map.of("threadId",
                        token.threadId().toString(), "by", "email", "attachmentsNotAdded", post.attachments().size()));
            }
            return Optional.of(p);
        });
        if (posted.isEmpty()) {
            return refuse(token, messageId, "NO_ACCESS", Optional.of(post.sender()));
        }
        var stored = posted.get().message();
        tenancy.write(TenantScope.system(token.firmId()), () -> replies.record(messageId, token.tokenId(), token.threadId(),
                "posted", post.attachments().isEmpty() ? null : "ATTACHMENTS_NOT_ADDED", stored == null ? null : stored.id(),
                false));
        return "posted";
    }

    private String refuse(TokenRecord token, String messageId, String reason, Optional<String> explainTo) {
        boolean first = tenancy.write(TenantScope.system(token.firmId()), () -> replies.record(messageId, token.tokenId(),
                token.threadId(), "refused", reason, null, explainTo.isPresent()));
        if (first && explainTo.isPresent()) {
            String firmName = tenancy.read(TenantScope.system(token.firmId()), () -> firms.firmName(token.firmId()));
            SenderIdentity sender = new SenderIdentity(firmName, mail.fromAddress(), mail.domain(), ReplyAddress.of(mail.domain()));
            OutgoingMail answer = new OutgoingMail(sender, explainTo.get(), null,
                    REFUSAL.render(Map.of("link", address.url("/portal/threads/" + token.threadId()))),
                    "r." + Integer.toHexString(messageId.hashCode()) + "." + token.tokenId(), null, null, null, Instant.now());
            producer.sendBody(mail.smtpUri(), answer.toMimeMessage(session));
        }
        log.info("Reply {} refused: {}", messageId, reason);
        return "refused";
    }

    /** Resolves the firm of an automatic mail through a valid token among its recipients, if there is one. */
    private void attribute(MimeMessage message, AtomicReference<TokenRecord> resolved) {
        try {
            for (String header : new String[] {"To", "Cc", "Delivered-To", "X-Original-To"}) {
                String[] values = message.getHeader(header);
                for (String value : values == null ? new String[0] : values) {
                    for (var address : jakarta.mail.internet.InternetAddress.parseHeader(value, false)) {
                        Optional<String> text = ReplyAddress.of(mail.domain()).tokenIn(address.getAddress());
                        if (text.isPresent()) {
                            AtomicReference<TokenRecord> found = new AtomicReference<>();
                            var check = tokens.verify(text.get(), id -> replies.token(id).map(t -> {
                                found.set(t);
                                return new ReplyToken.Subject(t.userId(), t.threadId());
                            }), id -> false);
                            if (check instanceof org.matterhub.connectors.mail.TokenCheck.Valid) {
                                resolved.set(found.get());
                                return;
                            }
                        }
                    }
                }
            }
        } catch (jakarta.mail.MessagingException | RuntimeException e) {
            log.debug("No firm for an automatic mail: {}", e.toString());
        }
    }

    /** The text as posted: control characters other than line breaks and tabs removed, at most 20,000 characters. */
    static String text(ReplyVerdict.Post post) {
        String clean = post.text().replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "").strip();
        if (!post.attachments().isEmpty()) {
            clean += "\n\n[" + post.attachments().size() + " attachment(s) sent by e-mail were not added; "
                    + "please upload files in the portal]";
        }
        return clean.length() <= 20_000 ? clean : clean.substring(0, 19_900) + "\n\n[cut]";
    }

    private SenderIdentity identity() {
        return new SenderIdentity("Matterhub", mail.fromAddress(), mail.domain(), ReplyAddress.of(mail.domain()));
    }

    private static String describe(ReplyVerdict v) {
        if (v instanceof ReplyVerdict.Ignore i) {
            return "ignored, " + i.reason();
        }
        return v instanceof ReplyVerdict.Refuse r ? "refused, " + r.reason() : "a reply";
    }
}
