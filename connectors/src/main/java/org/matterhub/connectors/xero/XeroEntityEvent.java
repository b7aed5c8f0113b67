package org.matterhub.connectors.xero;

import java.time.Instant;
import java.util.UUID;

/**
 * One event of a Xero webhook delivery (XE-WHY): a resource of an organisation was created or changed. The event
 * carries no data: the receiver fetches the resource (or runs the modified-since sync) to learn what changed.
 *
 * @param tenantId     the organisation ({@code tenantId})
 * @param category     {@code eventCategory}
 * @param resourceId   the invoice's, contact's or credit note's id
 * @param eventType    {@code CREATE} or {@code UPDATE} (archiving a contact is an UPDATE)
 * @param eventDateUtc when it happened
 */
public record XeroEntityEvent(UUID tenantId, Category category, UUID resourceId, String eventType,
                              Instant eventDateUtc) {

    /** {@code eventCategory} values Xero sends. Payments have none: a payment shows as an INVOICE UPDATE. */
    public enum Category { INVOICE, CONTACT, CREDITNOTE, SUBSCRIPTION }
}
