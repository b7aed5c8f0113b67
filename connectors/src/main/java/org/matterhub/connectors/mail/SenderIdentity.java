package org.matterhub.connectors.mail;

import java.util.Locale;
import java.util.Objects;

/**
 * A firm's sending identity: the {@code From} its notifications carry, the domain their {@code Message-ID}s are made
 * on, and its reply address ({@link ReplyAddress}).
 */
public record SenderIdentity(String fromName, String fromAddress, String messageIdDomain, ReplyAddress replyAddress) {

    public SenderIdentity {
        Objects.requireNonNull(fromName, "fromName");
        Objects.requireNonNull(fromAddress, "fromAddress");
        Objects.requireNonNull(messageIdDomain, "messageIdDomain");
        Objects.requireNonNull(replyAddress, "replyAddress");
        if (fromAddress.indexOf('@') < 1 || fromAddress.chars().anyMatch(c -> c < 0x21 || c == '<' || c == '>')) {
            throw new IllegalArgumentException("not a plain address: " + fromAddress);
        }
        if (!messageIdDomain.matches("[A-Za-z0-9.-]+")) {
            throw new IllegalArgumentException("not a domain: " + messageIdDomain);
        }
        messageIdDomain = messageIdDomain.toLowerCase(Locale.ROOT);
    }

    /** Whether {@code address} is one this identity sends or receives as (a loop if it writes to us). */
    public boolean isOwn(String address) {
        return address != null && (fromAddress.equalsIgnoreCase(address.strip()) || replyAddress.isOurs(address));
    }
}
