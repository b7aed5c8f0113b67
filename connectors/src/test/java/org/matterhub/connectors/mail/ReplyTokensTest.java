package org.matterhub.connectors.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyTokensTest {

    static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    static final UUID ALICE = UUID.fromString("3f1c2a0e-8d3b-4c55-9a51-7b0f0f5e2a11");
    static final UUID BOB = UUID.fromString("8e0d7c44-1a2b-4f6e-b3c1-52d1e8a9f0b2");
    static final UUID THREAD = UUID.fromString("c7a9e2f0-55b4-41d2-8e3f-0a1b2c3d4e5f");
    static final UUID OTHER_THREAD = UUID.fromString("0b8e6f3a-7c21-4d9e-a5f4-3e2d1c0b9a87");

    static byte[] key(String seed) {
        return Arrays.copyOf((seed + "-reply-token-key-material-0123456789").getBytes(StandardCharsets.UTF_8), 40);
    }

    static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    final ReplyTokens tokens = new ReplyTokens(ReplyTokenKeys.single(key("k0")), at(NOW));

    static TokenSubjects only(ReplyToken token) {
        return id -> id == token.tokenId() ? Optional.of(token.subject()) : Optional.empty();
    }

    @Test
    void aTokenVerifiesForItsPersonAndThreadAndCarriesThemBack() {
        ReplyToken token = tokens.issue(ALICE, THREAD, Duration.ofDays(30));

        TokenCheck check = tokens.verify(token.text(), only(token), RevokedTokens.none());

        assertThat(check).isEqualTo(new TokenCheck.Valid(token));
        assertThat(token.personId()).isEqualTo(ALICE);
        assertThat(token.threadId()).isEqualTo(THREAD);
        assertThat(token.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(30)));
    }

    @Test
    void theTokenAddressFitsALocalPartAndUsesOnlyLowerCaseLettersAndDigits() {
        for (int i = 0; i < 200; i++) {
            ReplyToken token = tokens.issue(ALICE, THREAD, Duration.ofDays(365 * 50));
            String address = ReplyAddress.of("mail.muster-partner.example").format(token);
            String local = address.substring(0, address.indexOf('@'));

            assertThat(token.text()).hasSize(ReplyTokens.TEXT_LENGTH).matches("[a-z2-7]+");
            assertThat(local).hasSize(54).hasSizeLessThanOrEqualTo(64);
            assertThat(ReplyAddress.of("mail.muster-partner.example").tokenIn(address.toUpperCase(Locale.ROOT)))
                    .contains(token.text());
        }
    }

    @Test
    void tokenIdsAreRandomAndDistinct() {
        Set<Long> ids = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(tokens.issue(ALICE, THREAD, Duration.ofDays(1)).tokenId());
        }
        assertThat(ids).hasSize(1000).doesNotContain(0L);
    }

    @Test
    void aTokenInUpperCaseStillVerifies() {
        ReplyToken token = tokens.issue(ALICE, THREAD, Duration.ofDays(1));

        assertThat(tokens.verify(token.text().toUpperCase(Locale.ROOT), only(token), RevokedTokens.none()))
                .isInstanceOf(TokenCheck.Valid.class);
    }

    @Test
    void expiryIsExactToTheMinuteAndDistinctFromTampering() {
        ReplyToken token = tokens.issue(ALICE, THREAD, Duration.ofMinutes(90));
        Instant expiry = NOW.plus(Duration.ofMinutes(90));

        assertThat(verifyAt(token, expiry.minusSeconds(1))).isInstanceOf(TokenCheck.Valid.class);
        assertThat(verifyAt(token, expiry)).isEqualTo(new TokenCheck.Expired(token));
        assertThat(verifyAt(token, expiry.plus(Duration.ofDays(400)))).isEqualTo(new TokenCheck.Expired(token));
    }

    @Test
    void expiryRoundsUpToTheNextMinute() {
        ReplyToken token = tokens.issue(ALICE, THREAD, Duration.ofSeconds(61));

        assertThat(token.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(2)));
    }

    private TokenCheck verifyAt(ReplyToken token, Instant when) {
        return new ReplyTokens(ReplyTokenKeys.single(key("k0")), at(when))
                .verify(token.text(), only(token), RevokedTokens.none());
    }

    @Test
    void flippingAnyBitOfAnyByteIsTampering() {
        ReplyToken token = tokens.issue(ALICE, THREAD, Duration.ofDays(30));
        byte[] raw = Base32.decode(token.text());
        assertThat(raw).hasSize(30);
        TokenSubjects anyId = id -> Optional.of(token.subject());
        for (int i = 0; i < raw.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] altered = raw.clone();
                altered[i] ^= (byte) (1 << bit);
                TokenCheck check = tokens.verify(Base32.encode(altered), anyId, RevokedTokens.none());
                assertThat(check).as("byte %d bit %d", i, bit).isInstanceOf(TokenCheck.Tampered.class);
            }
        }
    }

    @Test
    void eachPartOfTheTokenIsCoveredWithItsOwnFlaw() {
        ReplyToken token = tokens.issue(ALICE, THREAD, Duration.ofDays(30));
        byte[] raw = Base32.decode(token.text());
        TokenSubjects anyId = id -> Optional.of(token.subject());

        assertThat(tamper(raw, 0, anyId)).isEqualTo(new TokenCheck.Tampered(TokenCheck.Flaw.MALFORMED));
        assertThat(tamper(raw, 1, anyId)).isEqualTo(new TokenCheck.Tampered(TokenCheck.Flaw.UNKNOWN_KEY));
        assertThat(tamper(raw, 5, anyId)).isEqualTo(new TokenCheck.Tampered(TokenCheck.Flaw.BAD_SIGNATURE));
        assertThat(tamper(raw, 5, only(token))).isEqualTo(new TokenCheck.Tampered(TokenCheck.Flaw.UNKNOWN_TOKEN));
        assertThat(tamper(raw, 12, anyId)).as("a later expiry").isEqualTo(new TokenCheck.Tampered(TokenCheck.Flaw.BAD_SIGNATURE));
        assertThat(tamper(raw, 29, anyId)).isEqualTo(new TokenCheck.Tampered(TokenCheck.Flaw.BAD_SIGNATURE));
    }

    private TokenCheck tamper(byte[] raw, int index, TokenSubjects subjects) {
        byte[] altered = raw.clone();
        altered[index] ^= 0x01;
        return tokens.verify(Base32.encode(altered), subjects, RevokedTokens.none());
    }

    @Test
    void changingAnyCharacterOfTheTextIsTampering() {
        ReplyToken token = tokens.issue(ALICE, THREAD, Duration.ofDays(30));
        TokenSubjects anyId = id -> Optional.of(token.subject());
        for (int i = 0; i < token.text().length(); i++) {
            char c = token.text().charAt(i);
            String altered = token.text().substring(0, i) + (c == 'a' ? 'b' : 'a') + token.text().substring(i + 1);
            assertThat(tokens.verify(altered, anyId, RevokedTokens.none())).as("character %d", i)
                    .isInstanceOf(TokenCheck.Tampered.class);
        }
    }

    @Test
    void aTokenDoesNotVerifyForAnotherPersonOrThread() {
        ReplyToken token = tokens.issue(ALICE, THREAD, Duration.ofDays(30));
        TokenCheck.Tampered badSignature = new TokenCheck.Tampered(TokenCheck.Flaw.BAD_SIGNATURE);

        assertThat(tokens.verify(token.text(), id -> Optional.of(new ReplyToken.Subject(BOB, THREAD)),
                RevokedTokens.none())).isEqualTo(badSignature);
        assertThat(tokens.verify(token.text(), id -> Optional.of(new ReplyToken.Subject(ALICE, OTHER_THREAD)),
                RevokedTokens.none())).isEqualTo(badSignature);
    }

    @Test
    void aRevokedTokenIsRevokedAndOthersAreNot() {
        ReplyToken revoked = tokens.issue(ALICE, THREAD, Duration.ofDays(30));
        ReplyToken kept = tokens.issue(ALICE, THREAD, Duration.ofDays(30));
        RevokedTokens list = id -> id == revoked.tokenId();

        assertThat(tokens.verify(revoked.text(), only(revoked), list)).isEqualTo(new TokenCheck.Revoked(revoked));
        assertThat(tokens.verify(kept.text(), only(kept), list)).isEqualTo(new TokenCheck.Valid(kept));
    }

    @Test
    void revocationIsNotConsultedForAForgedToken() {
        ReplyToken token = tokens.issue(ALICE, THREAD, Duration.ofDays(30));
        byte[] raw = Base32.decode(token.text());
        raw[20] ^= 1;
        RevokedTokens mustNotAsk = id -> {
            throw new AssertionError("asked about a forged token");
        };

        assertThat(tokens.verify(Base32.encode(raw), only(token), mustNotAsk)).isInstanceOf(TokenCheck.Tampered.class);
    }

    @Test
    void rotationKeepsOldTokensValidUntilTheOldKeyIsDropped() {
        ReplyTokens before = new ReplyTokens(new ReplyTokenKeys(1, Map.of(1, key("one"))), at(NOW));
        ReplyToken old = before.issue(ALICE, THREAD, Duration.ofDays(30));
        ReplyTokens during = new ReplyTokens(new ReplyTokenKeys(2, Map.of(1, key("one"), 2, key("two"))), at(NOW));
        ReplyTokens after = new ReplyTokens(new ReplyTokenKeys(2, Map.of(2, key("two"))), at(NOW));

        ReplyToken fresh = during.issue(ALICE, THREAD, Duration.ofDays(30));

        assertThat(old.keyId()).isEqualTo(1);
        assertThat(fresh.keyId()).isEqualTo(2);
        assertThat(during.verify(old.text(), only(old), RevokedTokens.none())).isInstanceOf(TokenCheck.Valid.class);
        assertThat(after.verify(fresh.text(), only(fresh), RevokedTokens.none())).isInstanceOf(TokenCheck.Valid.class);
        assertThat(after.verify(old.text(), only(old), RevokedTokens.none()))
                .isEqualTo(new TokenCheck.Tampered(TokenCheck.Flaw.UNKNOWN_KEY));
    }

    @Test
    void anotherKeyUnderTheSameIdDoesNotVerify() {
        ReplyToken token = tokens.issue(ALICE, THREAD, Duration.ofDays(30));
        ReplyTokens impostor = new ReplyTokens(ReplyTokenKeys.single(key("someone else")), at(NOW));

        assertThat(impostor.verify(token.text(), only(token), RevokedTokens.none()))
                .isEqualTo(new TokenCheck.Tampered(TokenCheck.Flaw.BAD_SIGNATURE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "aeaqaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1!",
            "aeaqaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=", "aeaq aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void garbageIsMalformed(String text) {
        TokenSubjects mustNotAsk = id -> {
            throw new AssertionError("looked up garbage");
        };

        assertThat(tokens.verify(text, mustNotAsk, RevokedTokens.none()))
                .isEqualTo(new TokenCheck.Tampered(TokenCheck.Flaw.MALFORMED));
    }

    @Test
    void nullIsMalformed() {
        assertThat(tokens.verify(null, id -> Optional.empty(), RevokedTokens.none()))
                .isEqualTo(new TokenCheck.Tampered(TokenCheck.Flaw.MALFORMED));
    }

    @Test
    void base32RoundTripsAndRejectsNonCanonicalText() {
        byte[] bytes = new byte[30];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 37 + 11);
        }
        assertThat(Base32.decode(Base32.encode(bytes))).isEqualTo(bytes);
        assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("mzxw6ytboi");
        assertThat(Base32.decode("mzxw6ytboj")).as("non-zero trailing bits").isNull();
        assertThat(Base32.decode("mzxw6ytbo1")).isNull();
    }

    @Test
    void keysMustBeLongAndAreNeverPrinted() {
        assertThatThrownBy(() -> ReplyTokenKeys.single(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReplyTokenKeys(3, Map.of(1, key("one")))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReplyTokenKeys(300, Map.of(300, key("one")))).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ReplyTokenKeys(1, Map.of(1, key("one"), 0, key("zero"))).toString())
                .isEqualTo("ReplyTokenKeys[current=1, ids=[0, 1]]");
    }

    @Test
    void aTokenMustLiveForAPositiveDuration() {
        assertThatThrownBy(() -> tokens.issue(ALICE, THREAD, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens.issue(ALICE, THREAD, Duration.ofDays(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
