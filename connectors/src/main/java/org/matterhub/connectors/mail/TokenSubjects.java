package org.matterhub.connectors.mail;

import java.util.Optional;

/** Port the hub implements: the person and thread it issued a reply token id for (empty if it never issued it). */
@FunctionalInterface
public interface TokenSubjects {

    Optional<ReplyToken.Subject> find(long tokenId);
}
