package org.matterhub.connectors.netdocuments;

/**
 * Which cabinet custom attributes carry the client and the matter.
 *
 * @param clientAttributeId the workspace-organising attribute ({@code wsOrgAttrNum})
 * @param matterAttributeId the workspace attribute ({@code wsAttrNum}), a child lookup of the client attribute
 */
public record NetDocumentsWorkspaceAttributes(int clientAttributeId, int matterAttributeId) {
}
