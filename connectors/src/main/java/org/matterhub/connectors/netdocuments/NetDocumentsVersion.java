package org.matterhub.connectors.netdocuments;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** One entry of {@code GET /v1/Document/{id}/versionList} (path ND-PP; fields assumed). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NetDocumentsVersion(int number, String name, String description, String extension, Long size,
                                  Instant created, String createdBy, Boolean official) {

    public boolean isOfficial() {
        return Boolean.TRUE.equals(official);
    }
}
