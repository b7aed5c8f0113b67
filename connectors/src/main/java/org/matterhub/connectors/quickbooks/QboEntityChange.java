package org.matterhub.connectors.quickbooks;

import java.time.Instant;

/**
 * One change a webhook announced. Webhooks carry ids only: fetch the entity (or run CDC) to see it.
 *
 * @param realmId     the company
 * @param entity      QBO entity name, e.g. {@code Invoice}, {@code CreditMemo}
 * @param id          the entity's {@code Id}
 * @param operation   {@code Create}, {@code Update}, {@code Delete}, {@code Merge}, {@code Void} or {@code Emailed}
 * @param lastUpdated when the change happened, or null when the payload did not say
 */
public record QboEntityChange(String realmId, String entity, String id, String operation, Instant lastUpdated) {
}
