package org.matterhub.connectors.imanage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A value of a custom metadata list: a client ({@code custom1}) or a matter ({@code custom2}, whose
 * {@link #parent()} is the client). Fields per IM-MK; the parent's rendering is an assumption.
 *
 * @param id          the alias, e.g. {@code NORTHWIND} or {@code 00001}
 * @param description display name
 * @param parent      for custom2: the custom1 value it belongs to
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImanageCustom(String id, String description, Boolean enabled, Boolean hipaa, String database,
                            Parent parent) {

    /** The parent custom1 value of a custom2 value. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Parent(String id, String description) {
    }

    /** The parent's alias, or null. */
    public String parentId() {
        return parent == null ? null : parent.id();
    }
}
