package org.matterhub.connectors.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.matterhub.connectors.mail.ReplyVerdict.IgnoreReason;
import org.matterhub.connectors.mail.ReplyVerdict.RefuseReason;

/**
 * Reads one mail that arrived at a firm's reply mailbox and decides what becomes of it ({@link ReplyVerdict}), in this
 * order: our own mail come back ({@link IgnoreReason#LOOP}); bounces, out-of-office notes, automatic replies and bulk
 * mail ({@link AutomaticMail}), which are ignored and never answered; the token of a reply address of the firm in
 * {@code To}, {@code Cc}, {@code Delivered-To} or {@code X-Original-To}, verified ({@link ReplyTokens}); the sender
 * ({@code From}, exactly one address) among the token's person's addresses, ignoring case; the author's text, without
 * quoted history and signature ({@link QuotedText}; from the plain text part, else from the HTML reduced to text by
 * {@link HtmlText}). Only then is it a {@link ReplyVerdict.Post}. Deduplication by {@code Message-ID}, the thread's
 * existence and the person's access are the hub's to check before it posts.
 */
public final class IncomingReply {

    private static final String[] RECIPIENT_HEADERS = {"To", "Cc", "Delivered-To", "X-Original-To"};
    private static final Pattern NO_REPLY = Pattern.compile(
            "^(?:no-?reply|do-?not-?reply|mailer-daemon|postmaster|bounces?)(?:[+-].*)?@.*", Pattern.CASE_INSENSITIVE);

    private final SenderIdentity firm;
    private final ReplyTokens tokens;
    private final TokenSubjects subjects;
    private final RevokedTokens revoked;
    private final PersonAddresses people;

    public IncomingReply(SenderIdentity firm, ReplyTokens tokens, TokenSubjects subjects, RevokedTokens revoked,
                         PersonAddresses people) {
        this.firm = Objects.requireNonNull(firm, "firm");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.subjects = Objects.requireNonNull(subjects, "subjects");
        this.revoked = Objects.requireNonNull(revoked, "revoked");
        this.people = Objects.requireNonNull(people, "people");
    }

    public ReplyVerdict read(MimeMessage message) {
        Optional<String> messageId = Optional.empty();
        try {
            messageId = messageId(message);
            List<String> from = addresses(message, "From");
            String sender = from.size() == 1 ? from.get(0) : null;
            if (message.getHeader(OutgoingMail.LOOP_HEADER) != null || from.stream().anyMatch(firm::isOwn)) {
                return new ReplyVerdict.Ignore(IgnoreReason.LOOP, messageId);
            }
            Optional<IgnoreReason> automatic = AutomaticMail.classify(message, sender);
            if (automatic.isPresent()) {
                return new ReplyVerdict.Ignore(automatic.get(), messageId);
            }
            Optional<String> explainTo = Optional.ofNullable(sender).filter(a -> !NO_REPLY.matcher(a).matches());
            Optional<String> tokenText = tokenText(message);
            if (tokenText.isEmpty()) {
                return new ReplyVerdict.Refuse(RefuseReason.NO_TOKEN, explainTo, messageId, Optional.empty());
            }
            TokenCheck check = tokens.verify(tokenText.get(), subjects, revoked);
            if (!(check instanceof TokenCheck.Valid valid)) {
                return new ReplyVerdict.Refuse(refusal(check), explainTo, messageId, Optional.empty());
            }
            ReplyToken token = valid.token();
            if (sender == null || people.addressesOf(token.personId()).stream()
                    .noneMatch(a -> a.strip().equalsIgnoreCase(sender))) {
                return new ReplyVerdict.Refuse(RefuseReason.FORGED_SENDER, explainTo, messageId, Optional.of(token));
            }
            MailBody body = MailBody.of(message);
            String text = body.text() != null ? QuotedText.strip(body.text())
                    : body.html() != null ? QuotedText.strip(HtmlText.toText(body.html())) : "";
            if (text.isEmpty()) {
                return new ReplyVerdict.Refuse(RefuseReason.NO_TEXT, explainTo, messageId, Optional.of(token));
            }
            return new ReplyVerdict.Post(text, body.attachments(), token, messageId, sender);
        } catch (MessagingException | IOException | RuntimeException e) {
            return new ReplyVerdict.Refuse(RefuseReason.UNREADABLE, Optional.empty(), messageId, Optional.empty());
        }
    }

    private static RefuseReason refusal(TokenCheck check) {
        if (check instanceof TokenCheck.Expired) {
            return RefuseReason.EXPIRED_TOKEN;
        }
        if (check instanceof TokenCheck.Revoked) {
            return RefuseReason.REVOKED_TOKEN;
        }
        return RefuseReason.INVALID_TOKEN;
    }

    private Optional<String> tokenText(MimeMessage message) throws MessagingException {
        for (String header : RECIPIENT_HEADERS) {
            for (String address : addresses(message, header)) {
                Optional<String> token = firm.replyAddress().tokenIn(address);
                if (token.isPresent()) {
                    return token;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> messageId(MimeMessage message) throws MessagingException {
        String value = message.getHeader("Message-ID", null);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** The plain addresses in every {@code header} line, lower-cased; unparseable lines give none. */
    private static List<String> addresses(MimeMessage message, String header) throws MessagingException {
        List<String> out = new ArrayList<>();
        String[] values = message.getHeader(header);
        if (values == null) {
            return out;
        }
        for (String value : values) {
            try {
                for (InternetAddress address : InternetAddress.parseHeader(value, false)) {
                    if (address.getAddress() != null) {
                        out.add(address.getAddress().strip().toLowerCase(Locale.ROOT));
                    }
                }
            } catch (AddressException e) {
                // an unparseable recipient or sender line names nobody
            }
        }
        return out;
    }
}
