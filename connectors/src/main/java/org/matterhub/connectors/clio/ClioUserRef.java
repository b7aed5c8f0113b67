package org.matterhub.connectors.clio;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A nested User ({@code matter.responsible_attorney}): a member of the firm's staff. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClioUserRef(Long id, String name, String email) {
}
