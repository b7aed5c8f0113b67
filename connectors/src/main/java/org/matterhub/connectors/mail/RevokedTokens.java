package org.matterhub.connectors.mail;

/** Port the hub implements: whether a reply token id has been revoked (thread closed, access withdrawn, on request). */
@FunctionalInterface
public interface RevokedTokens {

    boolean isRevoked(long tokenId);

    /** Nothing revoked. */
    static RevokedTokens none() {
        return tokenId -> false;
    }
}
