package org.matterhub.connectors.mail;

/** What {@link ReplyTokens#verify} found out about a token. Only {@link Valid} may be acted on. */
public sealed interface TokenCheck {

    /** Signed by one of our keys, issued for the subject the hub recorded, not expired, not revoked. */
    record Valid(ReplyToken token) implements TokenCheck {
    }

    /** Genuine, but past its expiry. */
    record Expired(ReplyToken token) implements TokenCheck {
    }

    /** Genuine, but revoked by the hub. */
    record Revoked(ReplyToken token) implements TokenCheck {
    }

    /** Not a token we issued as it stands: malformed, altered, signed with an unknown key, or never recorded. */
    record Tampered(Flaw flaw) implements TokenCheck {
    }

    /** Why a token is {@link Tampered}. */
    enum Flaw {
        /** Wrong length or alphabet, or an unknown format version. */
        MALFORMED,
        /** Names a key id that is not (or no longer) in the key ring. */
        UNKNOWN_KEY,
        /** The hub has no record of the token id. */
        UNKNOWN_TOKEN,
        /** The signature does not match. */
        BAD_SIGNATURE
    }
}
