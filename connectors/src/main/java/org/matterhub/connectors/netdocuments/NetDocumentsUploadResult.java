package org.matterhub.connectors.netdocuments;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The answer to {@code POST /v1/Document/upload} (ND-PP): the new document's id, name and extension. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NetDocumentsUploadResult(String id, String name, String extension) {
}
