package org.matterhub.mappings.canonical;

import java.util.Locale;

/** Systems a canonical field can come from. Names are the values stored in {@code external_ref.system}. */
public enum SourceSystem {
    PORTAL, CLIO, IMANAGE, NETDOCUMENTS, QUICKBOOKS, XERO, GOOGLE, MICROSOFT, DOCUSIGN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
