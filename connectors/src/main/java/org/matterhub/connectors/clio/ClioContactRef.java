package org.matterhub.connectors.clio;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A nested Contact as Clio embeds it ({@code matter.client}, {@code contact.company}).
 *
 * @param id   Clio contact id
 * @param name display name
 * @param type {@code Person} or {@code Company}; null when not requested
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClioContactRef(Long id, String name, String type) {
}
