package org.matterhub.connectors.clio;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.time.LocalDate;
import org.matterhub.connectors.kernel.SnakeCaseJson;

/**
 * A Clio note (schema {@code Note}): a dated entry with a subject and a plain-text detail on a matter or contact.
 *
 * @param type   {@code Matter} or {@code Contact}
 * @param matter the matter of a {@code Matter} note (its id)
 */
@SnakeCaseJson
public record ClioNote(
        long id,
        String etag,
        String type,
        String subject,
        String detail,
        LocalDate date,
        ClioRef matter,
        Instant createdAt,
        Instant updatedAt) {

    /** A reference to another record by id. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ClioRef(long id) {
    }
}
