package org.matterhub.connectors.netdocuments;

import java.net.URI;

/**
 * NetDocuments data-centre regions (ND-PP): the web host serves the OAuth consent page, the API host
 * ({@code api.} + the web domain) everything else.
 */
public enum NetDocumentsRegion {
    US("vault.netvoyage.com"),
    EU("eu.netdocuments.com"),
    AU("au.netdocuments.com"),
    DE("de.netdocuments.com"),
    DUCOT("ducot.netdocuments.com");

    private final String domain;

    NetDocumentsRegion(String domain) {
        this.domain = domain;
    }

    /** The web host, e.g. {@code https://vault.netvoyage.com}. */
    public URI webBase() {
        return URI.create("https://" + domain);
    }

    /** The API host, e.g. {@code https://api.vault.netvoyage.com}. */
    public URI apiBase() {
        return URI.create("https://api." + domain);
    }
}
