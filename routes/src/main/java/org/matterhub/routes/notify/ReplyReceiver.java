package org.matterhub.routes.notify;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
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
import org.matterhub.portal.documents.DocumentFiling;
import org.matterhub.store.audit.AuditLog;
import org.matterhub.store.model.ConversationRepository;
import org.matterhub.store.model.ConversationRepository.NewMessage;
import org.matterhub.store.model.ConversationRepository.Posted;
import org.matterhub.store.model.NotificationMailRepository;
import org.matterhub.store.model.ReplyMailRepository;
import org.matterhub.store.model.ReplyMailRepository.Recorded;
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
 *
 * <p>A reply's attachments become documents of the thread's matter exactly as uploads do ({@link ReplyAttachments}),
 * in the transaction that posts the message, which names them; a file the upload inspector refuses is left out, the
 * message says so, and the sender is told once. A mail posted by another delivery meanwhile rolls its documents back.
 * Explanations (a refusal, files left out) go to one address at most {@code matterhub.mail.reply.explanations-per-hour}
 * times an hour.
 */
@Service
public class ReplyReceiver {

    private static final Logger log = LoggerFactory.getLogger(ReplyReceiver.class);
    static final MailTemplate REFUSAL = new MailTemplate("Your e-mail was not added to the conversation",
            "Your e-mail could not be added to the conversation in the client portal.\n\n"
                    + "If you meant to answer, please sign in to the portal and write there: {{link}}\n",
            "<p>Your e-mail could not be added to the conversation in the client portal.</p>"
                    + "<p>If you meant to answer, please <a href=\"{{link}}\">sign in to the portal</a> and write there.</p>");
    static final MailTemplate NOT_ADDED = new MailTemplate("Some files of your e-mail were not added",
            "Your e-mail was added to the conversation in the client portal, but these files were not:\n\n{{files}}\n\n"
                    + "You can upload files in the portal: {{link}}\n",
            "<p>Your e-mail was added to the conversation in the client portal, but these files were not:</p>"
                    + "<pre>{{files}}</pre><p>You can <a href=\"{{link}}\">upload files in the portal</a>.</p>");

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
    private final ReplyAttachments attachments;

    public ReplyReceiver(Tenancy tenancy, ReplyMailRepository replies, ConversationRepository conversation,
                         MessageMirror mirror, AuditLog audit, ReplyTokens tokens, ProducerTemplate producer,
                         MailProperties mail, org.matterhub.routes.engine.PublicAddress address,
                         NotificationMailRepository firms, ReplyAttachments attachments) {
        this.firms = firms;
        this.attachments = attachments;
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
        // The thread's matter, and what the person may add to it, as they see it.
        record Place(UUID matter, Optional<DocumentFiling.Allowance> allowance) {
        }
        Optional<Place> place = tenancy.read(theirs, () -> conversation.thread(token.threadId(), token.userId())
                .flatMap(t -> conversation.threadMatter(token.threadId()))
                .map(m -> new Place(m, attachments.allowance(m))));
        if (place.isEmpty()) {
            return refuse(token, messageId, "NO_ACCESS", Optional.of(post.sender()));
        }
        Optional<UUID> matter = place.map(Place::matter);
        ReplyAttachments.Taken taken = attachments.take(token.firmId(), place.get().allowance(), post.attachments());
        Optional<Posted> posted;
        try {
            posted = tenancy.write(theirs, () -> {
                if (conversation.thread(token.threadId(), token.userId()).isEmpty()) {
                    return Optional.<Posted>empty();
                }
                String files = attachments.record(taken, token.userId(), !firmPerson, matter.get());
                Posted p = conversation.post(new NewMessage(token.threadId(), token.userId(), firmPerson ? "staff" : "client",
                        null, text(post.text(), taken.leftOut()), files, "email", messageId));
                if (!p.stored()) {
                    // Another node posted this mail meanwhile: undo the documents made for it here.
                    throw new AlreadyPosted();
                }
                mirror.queue(p.message());
                audit.record("message.posted", "message", p.message().id().toString(), Map.of("threadId",
                        token.threadId().toString(), "by", "email", "attachments", taken.attached(),
                        "attachmentsNotAdded", taken.leftOut().size()));
                return Optional.of(p);
            });
        } catch (AlreadyPosted e) {
            // Posted by another delivery whose record is missing (another node now, or a crash before it recorded).
            taken.discard();
            TenantScope system = TenantScope.system(token.firmId());
            tenancy.write(system, () -> replies.record(messageId, token.tokenId(), token.threadId(), "posted", null,
                    conversation.byOrigin("email", messageId).map(m -> m.id()).orElse(null), false));
            return "duplicate";
        } catch (RuntimeException e) {
            taken.discard();
            throw e;
        }
        if (posted.isEmpty()) {
            taken.discard();
            return refuse(token, messageId, "NO_ACCESS", Optional.of(post.sender()));
        }
        var stored = posted.get().message();
        List<ReplyAttachments.LeftOut> leftOut = taken.leftOut();
        Recorded recorded = tenancy.write(TenantScope.system(token.firmId()), () -> replies.record(messageId,
                token.tokenId(), token.threadId(), "posted", leftOut.isEmpty() ? null : "ATTACHMENTS_NOT_ADDED",
                stored.id(), leftOut.isEmpty() ? null : post.sender(), mail.reply().explanationsPerHour()));
        if (recorded == Recorded.EXPLAIN) {
            StringBuilder list = new StringBuilder();
            leftOut.forEach(l -> list.append("- ").append(l.fileName()).append(": ").append(l.reason()).append('\n'));
            explain(token, messageId, post.sender(), NOT_ADDED, Map.of("files", list.toString().strip()));
        }
        return "posted";
    }

    /** Another delivery of the same mail posted it first; the transaction that made documents for this one rolls back. */
    private static final class AlreadyPosted extends RuntimeException {
        AlreadyPosted() {
            super("posted by another delivery", null, false, false);
        }
    }

    private String refuse(TokenRecord token, String messageId, String reason, Optional<String> explainTo) {
        Recorded recorded = tenancy.write(TenantScope.system(token.firmId()), () -> replies.record(messageId,
                token.tokenId(), token.threadId(), "refused", reason, null, explainTo.orElse(null),
                mail.reply().explanationsPerHour()));
        if (recorded == Recorded.EXPLAIN) {
            explain(token, messageId, explainTo.get(), REFUSAL, Map.of());
        } else if (recorded == Recorded.QUIET && explainTo.isPresent()) {
            log.info("Reply {}: its sender was told enough this hour; not told again", messageId);
        }
        log.info("Reply {} refused: {}", messageId, reason);
        return "refused";
    }

    /** One polite mail to {@code to} about the mail {@code messageId}; it names nothing of the thread. */
    private void explain(TokenRecord token, String messageId, String to, MailTemplate template, Map<String, String> values) {
        String firmName = tenancy.read(TenantScope.system(token.firmId()), () -> firms.firmName(token.firmId()));
        Map<String, String> all = new java.util.HashMap<>(values);
        all.put("link", address.url("/portal/threads/" + token.threadId()));
        OutgoingMail answer = new OutgoingMail(mail.sender(firmName), to, null, template.render(all),
                "r." + Integer.toHexString(messageId.hashCode()) + "." + token.tokenId(), null, null, null, Instant.now());
        producer.sendBody(mail.smtpUri(), answer.toMimeMessage(session));
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

    /**
     * The text as posted: control characters other than line breaks and tabs removed, at most 20,000 characters, then a
     * line per attachment left out.
     */
    static String text(String written, List<ReplyAttachments.LeftOut> leftOut) {
        String clean = written.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "").strip();
        clean = clean.length() <= 20_000 ? clean : clean.substring(0, 19_900) + "\n\n[cut]";
        return (clean + ReplyAttachments.note(leftOut)).strip();
    }

    private SenderIdentity identity() {
        return mail.sender("Matterhub");
    }

    private static String describe(ReplyVerdict v) {
        if (v instanceof ReplyVerdict.Ignore i) {
            return "ignored, " + i.reason();
        }
        return v instanceof ReplyVerdict.Refuse r ? "refused, " + r.reason() : "a reply";
    }
}
