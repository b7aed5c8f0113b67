package org.matterhub.simulators.netdocuments;

import java.util.List;

/**
 * Ids created by {@link NetDocumentsSimulator#seedDemoFirm()}.
 *
 * @param clients     client lookup values, e.g. {@code NORTHWIND}
 * @param matters     one entry per matter, in matter-number order
 * @param documentIds ids of every seeded document
 */
public record NetDocumentsDemoSeed(List<String> clients, List<Matter> matters, List<String> documentIds) {


    /**
     * One seeded matter workspace.
     *
     * @param clientKey            client lookup value
     * @param matterKey            matter lookup value, e.g. {@code 00001}
     * @param workspaceId          {@code nnnn-nnnn-nnnn}
     * @param clientPortalFolderId the "Client Portal" folder
     * @param internalFolderId     the "Internal" folder
     */
    public record Matter(String clientKey, String matterKey, String workspaceId, String clientPortalFolderId,
                         String internalFolderId) {
    }
}
