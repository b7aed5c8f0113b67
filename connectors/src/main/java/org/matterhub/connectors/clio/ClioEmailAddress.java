package org.matterhub.connectors.clio;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A contact's email address (schema {@code EmailAddress}).
 *
 * @param name    {@code Work}, {@code Home} or {@code Other}
 * @param primary whether it is the contact's primary address
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClioEmailAddress(Long id, String address, String name, Boolean primary) {

    /** Null-safe {@link #primary()}. */
    public boolean isPrimary() {
        return Boolean.TRUE.equals(primary);
    }
}
