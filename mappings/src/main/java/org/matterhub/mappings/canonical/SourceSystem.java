package org.matterhub.mappings.canonical;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Systems a canonical field can come from. Names are the values stored in {@code external_ref.system}. */
public enum SourceSystem {
    PORTAL, CLIO, IMANAGE, NETDOCUMENTS, QUICKBOOKS, XERO, GOOGLE, MICROSOFT, DOCUSIGN;

    /** The lower-case id stored in {@code connection.vendor} and {@code external_ref.system}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The system whose {@link #id()} is {@code id}, if any. */
    public static Optional<SourceSystem> fromId(String id) {
        return id == null ? Optional.empty()
                : Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst();
    }
}
