package org.matterhub.connectors.clio;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A contact's postal address (schema {@code Address}).
 *
 * @param name {@code Work}, {@code Home}, {@code Billing} or {@code Other}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClioAddress(Long id, String street, String city, String province,
                          @JsonProperty("postal_code") String postalCode, String country, String name,
                          Boolean primary) {

    /** Null-safe {@link #primary()}. */
    public boolean isPrimary() {
        return Boolean.TRUE.equals(primary);
    }
}
