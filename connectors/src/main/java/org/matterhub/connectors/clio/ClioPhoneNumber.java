package org.matterhub.connectors.clio;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A contact's phone number (schema {@code PhoneNumber}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClioPhoneNumber(Long id, String number, String name, Boolean primary) {

    /** Null-safe {@link #primary()}. */
    public boolean isPrimary() {
        return Boolean.TRUE.equals(primary);
    }
}
