package org.matterhub.mappings.documents;

import java.util.Locale;
import java.util.Optional;

/** Portal document categories: one vocabulary across matters and document systems. */
public enum DocumentCategory {
    CORRESPONDENCE, CONTRACTS, COURT, FINANCIAL, CORPORATE, EVIDENCE, CLIENT_UPLOADS, GENERAL;

    /** The value stored in {@code document.category} and shown by the API. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DocumentCategory> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (DocumentCategory c : values()) {
            if (c.id().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
