package org.matterhub.connectors.clio;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A Clio Matter with the fields {@link ClioClient#MATTER_FIELDS} requests (schema {@code Matter}).
 *
 * @param status {@code Open}, {@code Pending} or {@code Closed}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClioMatter(
        long id,
        String etag,
        Integer number,
        @JsonProperty("display_number") String displayNumber,
        String description,
        String status,
        ClioContactRef client,
        @JsonProperty("practice_area") ClioPracticeAreaRef practiceArea,
        @JsonProperty("responsible_attorney") ClioUserRef responsibleAttorney,
        @JsonProperty("open_date") LocalDate openDate,
        @JsonProperty("pending_date") LocalDate pendingDate,
        @JsonProperty("close_date") LocalDate closeDate,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt) {
}
