package org.matterhub.connectors.mail;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A reply token as issued: the person and the matter thread a notification's {@code Reply-To} address speaks for,
 * until {@code expiresAt}. {@code text} is what goes into the address ({@link ReplyAddress}); {@code tokenId} is the
 * key under which the hub records the token (to find its person and thread again, {@link TokenSubjects}, and to
 * revoke it, {@link RevokedTokens}); {@code keyId} names the signing key in {@link ReplyTokenKeys}.
 */
public record ReplyToken(int version, int keyId, long tokenId, UUID personId, UUID threadId, Instant expiresAt,
                         String text) {

    public ReplyToken {
        if (keyId < 0 || keyId > 255 || text.length() != ReplyTokens.TEXT_LENGTH) {
            throw new IllegalArgumentException("not a reply token: key " + keyId + ", " + text.length() + " characters");
        }
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** The person and thread a token was issued for. */
    public record Subject(UUID personId, UUID threadId) {

        public Subject {
            Objects.requireNonNull(personId, "personId");
            Objects.requireNonNull(threadId, "threadId");
        }
    }

    public Subject subject() {
        return new Subject(personId, threadId);
    }
}
