package org.matterhub.connectors.mail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.matterhub.connectors.kernel.HmacSignatures;

/**
 * Issues and verifies the signed tokens in a notification's {@code Reply-To} address.
 *
 * <p>A token is 30 bytes, written as 48 characters of lower-case base32 ({@link Base32}), so that
 * {@code reply+<token>} is 54 characters, within the 64 an address's local part may have (RFC 5321 §4.5.3.1.1):
 * <pre>
 *   0      version (1)
 *   1      key id (0-255, {@link ReplyTokenKeys})
 *   2-9    token id (random, the hub's record of the token)
 *   10-13  expiry, minutes since the epoch (unsigned)
 *   14-29  HMAC-SHA256, first 128 bits, over a domain label, bytes 0-13, person id (16) and thread id (16)
 * </pre>
 * The person and thread ids (UUIDs) are too long to carry in a local part beside a signature: they are signed, not
 * carried, and the hub gives them back for the token id ({@link TokenSubjects}). A token therefore verifies only for
 * the subject it was issued for, and a changed byte anywhere is a {@link TokenCheck.Tampered}. Signatures are
 * compared in constant time. Expiry and revocation are checked only on a genuine token, so that neither can be probed
 * with forged ones.
 */
public final class ReplyTokens {

    /** The token format this class writes. */
    public static final int VERSION = 1;
    /** Characters in a token's text: 30 bytes of base32. */
    public static final int TEXT_LENGTH = 48;

    private static final int SIGNED_PREFIX = 14;
    private static final int MAC_BYTES = 16;
    private static final int BYTES = SIGNED_PREFIX + MAC_BYTES;
    private static final byte[] LABEL = "matterhub.reply-token".getBytes(StandardCharsets.US_ASCII);
    private static final long MAX_MINUTES = 0xffff_ffffL;

    private final ReplyTokenKeys keys;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ReplyTokens(ReplyTokenKeys keys, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A new token for {@code personId} on {@code threadId}, valid for {@code ttl} (rounded up to the minute). */
    public ReplyToken issue(UUID personId, UUID threadId, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a reply token must live for a positive duration: " + ttl);
        }
        long tokenId;
        do {
            tokenId = random.nextLong();
        } while (tokenId == 0);
        return issue(personId, threadId, tokenId, clock.instant().plus(ttl));
    }

    /** A token with a given id and expiry (rounded up to the minute); {@link #issue(UUID, UUID, Duration)} picks both. */
    public ReplyToken issue(UUID personId, UUID threadId, long tokenId, Instant expiresAt) {
        long minutes = Math.floorDiv(expiresAt.getEpochSecond() + 59, 60);
        if (minutes < 0 || minutes > MAX_MINUTES) {
            throw new IllegalArgumentException("expiry out of range: " + expiresAt);
        }
        int keyId = keys.currentKeyId();
        ByteBuffer bytes = ByteBuffer.allocate(BYTES)
                .put((byte) VERSION).put((byte) keyId).putLong(tokenId).putInt((int) minutes);
        byte[] raw = bytes.array();
        System.arraycopy(mac(keys.currentKey(), raw, personId, threadId), 0, raw, SIGNED_PREFIX, MAC_BYTES);
        return new ReplyToken(VERSION, keyId, tokenId, personId, threadId, Instant.ofEpochSecond(minutes * 60),
                Base32.encode(raw));
    }

    /** Checks {@code text} (either case) against our keys, the hub's record of it, its expiry and revocations. */
    public TokenCheck verify(String text, TokenSubjects subjects, RevokedTokens revoked) {
        byte[] raw = text == null || text.length() != TEXT_LENGTH ? null : Base32.decode(text);
        if (raw == null || raw.length != BYTES || raw[0] != VERSION) {
            return new TokenCheck.Tampered(TokenCheck.Flaw.MALFORMED);
        }
        ByteBuffer in = ByteBuffer.wrap(raw);
        in.get();
        int keyId = in.get() & 0xff;
        long tokenId = in.getLong();
        long minutes = in.getInt() & MAX_MINUTES;
        Optional<byte[]> key = keys.key(keyId);
        if (key.isEmpty()) {
            return new TokenCheck.Tampered(TokenCheck.Flaw.UNKNOWN_KEY);
        }
        Optional<ReplyToken.Subject> subject = subjects.find(tokenId);
        if (subject.isEmpty()) {
            return new TokenCheck.Tampered(TokenCheck.Flaw.UNKNOWN_TOKEN);
        }
        ReplyToken.Subject who = subject.get();
        byte[] expected = mac(key.get(), raw, who.personId(), who.threadId());
        if (!HmacSignatures.constantTimeEquals(expected, Arrays.copyOfRange(raw, SIGNED_PREFIX, BYTES))) {
            return new TokenCheck.Tampered(TokenCheck.Flaw.BAD_SIGNATURE);
        }
        ReplyToken token = new ReplyToken(VERSION, keyId, tokenId, who.personId(), who.threadId(),
                Instant.ofEpochSecond(minutes * 60), Base32.encode(raw));
        if (revoked.isRevoked(tokenId)) {
            return new TokenCheck.Revoked(token);
        }
        if (!clock.instant().isBefore(token.expiresAt())) {
            return new TokenCheck.Expired(token);
        }
        return new TokenCheck.Valid(token);
    }

    private static byte[] mac(byte[] key, byte[] raw, UUID personId, UUID threadId) {
        ByteBuffer message = ByteBuffer.allocate(LABEL.length + SIGNED_PREFIX + 32)
                .put(LABEL).put(raw, 0, SIGNED_PREFIX)
                .putLong(personId.getMostSignificantBits()).putLong(personId.getLeastSignificantBits())
                .putLong(threadId.getMostSignificantBits()).putLong(threadId.getLeastSignificantBits());
        return Arrays.copyOf(HmacSignatures.hmacSha256(key, message.array()), MAC_BYTES);
    }
}
