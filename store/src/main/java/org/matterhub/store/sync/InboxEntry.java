package org.matterhub.store.sync;

import java.util.UUID;

/** A verified vendor event, stored before the vendor got its 2xx. */
public record InboxEntry(long id, UUID firmId, UUID connectionId, String vendor, String eventId, String payload, int attempts) {
}
