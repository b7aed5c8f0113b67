package org.matterhub.connectors.netdocuments;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A cabinet custom attribute ({@code GET /v1/cabinet/{id}/customAttributes}; path ND-PP, fields assumed).
 *
 * @param id       the attribute number used in profiles and lookup paths
 * @param type     e.g. {@code lookup}
 * @param parentId the parent attribute of a child lookup (the client attribute for matters), 0 or null if none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NetDocumentsAttributeDefinition(int id, String name, String type, Integer parentId, Boolean required,
                                              Boolean isWorkspaceOrganizer, Boolean isWorkspaceAttribute) {
}
