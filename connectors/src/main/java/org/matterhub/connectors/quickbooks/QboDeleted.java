package org.matterhub.connectors.quickbooks;

import java.time.Instant;

/**
 * A CDC tombstone: an entity returned with {@code "status":"Deleted"} and only {@code Id} and {@code MetaData}
 * (VENDORS.md §4.4).
 *
 * @param entity      {@code Customer}, {@code Invoice}, {@code Payment} or {@code CreditMemo}
 * @param id          the deleted entity's {@code Id}
 * @param deletedAt   {@code MetaData.LastUpdatedTime} of the tombstone
 */
public record QboDeleted(String entity, String id, Instant deletedAt) {
}
