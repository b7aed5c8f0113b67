package org.matterhub.connectors.xero;

import java.time.Instant;
import java.util.UUID;

/**
 * A Xero contact (a firm's client). Contacts are never deleted: they become {@link Status#ARCHIVED}.
 *
 * @param id             {@code ContactID}
 * @param name           unique among active contacts
 * @param contactNumber  an external system's id for the contact (up to 50 characters), or null
 * @param accountNumber  the firm's own account number for the client, or null
 * @param emailAddress   or null
 * @param status         {@code ContactStatus}
 * @param updatedDateUtc last change
 */
public record XeroContact(UUID id, String name, String contactNumber, String accountNumber, String emailAddress,
                          Status status, Instant updatedDateUtc) {

    /** {@code ContactStatus}. */
    public enum Status { ACTIVE, ARCHIVED, GDPRREQUEST, UNKNOWN }
}
