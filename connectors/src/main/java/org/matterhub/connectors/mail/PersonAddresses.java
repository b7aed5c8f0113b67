package org.matterhub.connectors.mail;

import java.util.Set;
import java.util.UUID;

/**
 * Port the hub implements: the e-mail addresses of a person (empty if the person no longer exists or has lost access).
 * {@link IncomingReply} compares them to a reply's {@code From} ignoring case.
 */
@FunctionalInterface
public interface PersonAddresses {

    Set<String> addressesOf(UUID personId);
}
