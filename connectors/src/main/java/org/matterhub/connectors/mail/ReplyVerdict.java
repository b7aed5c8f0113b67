package org.matterhub.connectors.mail;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to do with one incoming mail ({@link IncomingReply#read}). {@code messageId} is the mail's {@code Message-ID}
 * (empty if it has none), by which the hub posts a reply once however often it is delivered.
 */
public sealed interface ReplyVerdict {

    Optional<String> messageId();

    /** Post {@code text} (and the attachments, after the upload inspector) as {@code token}'s person to its thread. */
    record Post(String text, List<MailAttachment> attachments, ReplyToken token, Optional<String> messageId,
                String sender) implements ReplyVerdict {

        public Post {
            Objects.requireNonNull(text, "text");
            attachments = List.copyOf(attachments);
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(messageId, "messageId");
        }
    }

    /** Drop silently (record for ops if wanted): nobody wrote this, or answering it could start a loop. */
    record Ignore(IgnoreReason reason, Optional<String> messageId) implements ReplyVerdict {
    }

    /**
     * Do not post. {@code replyTo} is where one polite explanation may go, present only when one may be sent: never to
     * an automatic or bulk sender, never to our own addresses, never to a no-reply mailbox. {@code token} is the
     * verified token where there was one (for the ops record).
     */
    record Refuse(RefuseReason reason, Optional<String> replyTo, Optional<String> messageId,
                  Optional<ReplyToken> token) implements ReplyVerdict {

        /** Whether a polite refusal may be sent (to {@link #replyTo()}). */
        public boolean mayExplain() {
            return replyTo.isPresent();
        }
    }

    /** Why a mail is ignored. */
    enum IgnoreReason {
        /** An automatic reply ({@code Auto-Submitted}, {@code X-Autoreply}, {@code X-Autorespond}). */
        AUTO_REPLY,
        /** An out-of-office notice. */
        OUT_OF_OFFICE,
        /** A bounce or other delivery/disposition report ({@code multipart/report}, null return path, mailer daemon). */
        BOUNCE,
        /** Bulk or list mail ({@code Precedence: bulk|junk|list}, {@code List-Id}). */
        BULK,
        /** Our own mail come back (from our address, or carrying our notification header). */
        LOOP
    }

    /** Why a reply is refused. */
    enum RefuseReason {
        /** Not addressed to a token address of ours. */
        NO_TOKEN,
        /** The token is malformed, altered, or not one we issued. */
        INVALID_TOKEN,
        /** The token has expired. */
        EXPIRED_TOKEN,
        /** The token was revoked. */
        REVOKED_TOKEN,
        /** The sender is not the token's person. */
        FORGED_SENDER,
        /** Nothing left once quoted history and signature are removed (attachments alone are not a message). */
        NO_TEXT,
        /** The mail could not be parsed. */
        UNREADABLE
    }
}
