package org.matterhub.connectors.netdocuments;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The answer to {@code PUT /v1/Document/{id}/new} (ND-PP).
 *
 * @param newVer   the number of the version just created
 * @param versions the document's version numbers, as the API renders them (a string in the spec)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NetDocumentsNewVersion(Integer latestVersionNumber, Integer newVer, String newVersionLabel,
                                     Integer officialVer, String officialVerName, String versions) {
}
