package org.matterhub.connectors.netdocuments;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A value of a lookup table (client or matter), per the {@code LookupEntryBody} of ND-PP.
 *
 * @param key    the value itself, e.g. {@code NORTHWIND} or {@code 00001}
 * @param hold   legal hold
 * @param closed closing date as NetDocuments renders it ({@code /Date(ms±hhmm)/}), or null while open
 * @param parent for a child value (matter): its parent value (client)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NetDocumentsLookupEntry(String key, String description, Boolean hold, String closed, String parent) {

    /** Whether the value has a closing date. */
    public boolean isClosed() {
        return closed != null && !closed.isBlank();
    }
}
