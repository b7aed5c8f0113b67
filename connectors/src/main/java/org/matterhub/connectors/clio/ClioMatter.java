package org.matterhub.connectors.clio;

import java.time.Instant;
import java.time.LocalDate;
import org.matterhub.connectors.kernel.SnakeCaseJson;

/**
 * A Clio Matter with the fields {@link ClioClient#MATTER_FIELDS} requests (schema {@code Matter}).
 *
 * @param status {@code Open}, {@code Pending} or {@code Closed}
 */
@SnakeCaseJson
public record ClioMatter(
        long id,
        String etag,
        Integer number,
        String displayNumber,
        String description,
        String status,
        ClioContactRef client,
        ClioPracticeAreaRef practiceArea,
        ClioUserRef responsibleAttorney,
        LocalDate openDate,
        LocalDate pendingDate,
        LocalDate closeDate,
        Instant createdAt,
        Instant updatedAt) {
}
