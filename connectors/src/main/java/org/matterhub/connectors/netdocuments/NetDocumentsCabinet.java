package org.matterhub.connectors.netdocuments;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A cabinet the user can reach ({@code GET /v1/User/cabinets}, response schema in ND-PP).
 *
 * @param id           {@code NG-XXXXXXXX}
 * @param wsAttrNum    the custom attribute number that defines workspaces (the matter attribute)
 * @param wsOrgAttrNum the attribute that organises workspaces (the client attribute, the matter's parent)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NetDocumentsCabinet(String id, String name, String repositoryId, String repositoryName,
                                  Integer wsAttrNum, Integer wsOrgAttrNum) {
}
