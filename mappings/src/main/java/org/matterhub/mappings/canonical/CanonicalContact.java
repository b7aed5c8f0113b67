package org.matterhub.mappings.canonical;

import java.time.Instant;

/**
 * A person or company known to the firm's practice-management system.
 *
 * @param companyExternalId for a person, the source id of the company they belong to (their client org)
 * @param client            whether the source marks the contact as a client
 */
public record CanonicalContact(
        String externalId,
        ContactKind kind,
        String name,
        String firstName,
        String lastName,
        String email,
        String phone,
        PostalAddress address,
        String companyExternalId,
        boolean client,
        Instant sourceUpdatedAt,
        String etag) {

    public String contentHash() {
        return ContentHash.of(kind, name, firstName, lastName, email, phone, address, companyExternalId, client);
    }
}
