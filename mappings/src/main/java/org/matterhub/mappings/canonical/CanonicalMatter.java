package org.matterhub.mappings.canonical;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A matter as the portal stores it, independent of the system it came from.
 *
 * @param externalId       the source system's id
 * @param clientExternalId the source system's id of the client (a company or person contact)
 * @param sourceUpdatedAt  when the source last changed it
 * @param etag             the source's concurrency token, kept in external_ref
 */
public record CanonicalMatter(
        String externalId,
        String clientExternalId,
        String number,
        String displayNumber,
        String description,
        MatterStatus status,
        String practiceArea,
        String responsibleAttorneyName,
        String responsibleAttorneyEmail,
        LocalDate openDate,
        LocalDate pendingDate,
        LocalDate closeDate,
        Instant sourceUpdatedAt,
        String etag) {

    /** Hash of the fields the portal shows; equal hashes mean nothing worth writing changed. */
    public String contentHash() {
        return ContentHash.of(clientExternalId, number, displayNumber, description, status, practiceArea,
                responsibleAttorneyName, responsibleAttorneyEmail, openDate, pendingDate, closeDate);
    }
}
