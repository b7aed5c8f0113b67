package org.matterhub.connectors.clio;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A Clio note (schema {@code Note}): a dated entry with a subject and a plain-text detail on a matter or contact.
 *
 * @param type   {@code Matter} or {@code Contact}
 * @param matter the matter of a {@code Matter} note (its id)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClioNote(
        long id,
        String etag,
        String type,
        String subject,
        String detail,
        LocalDate date,
        ClioRef matter,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt) {

    /** A reference to another record by id. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ClioRef(long id) {
    }
}
