package org.matterhub.simulators.imanage;

import java.util.List;

/**
 * Ids created by {@link ImanageSimulator#seedDemoFirm()}.
 *
 * @param clients     custom1 values, e.g. {@code NORTHWIND}
 * @param matters     one entry per matter, in matter-number order
 * @param documentIds ids of the latest version of every seeded document
 */
public record ImanageDemoSeed(List<String> clients, List<Matter> matters, List<String> documentIds) {


    /**
     * One seeded matter workspace.
     *
     * @param clientId             custom1
     * @param matterId             custom2, e.g. {@code 00001}
     * @param workspaceId          e.g. {@code ACTIVE_US!4001}
     * @param clientPortalFolderId the "Client Portal" folder
     * @param internalFolderId     the "Internal" folder
     */
    public record Matter(String clientId, String matterId, String workspaceId, String clientPortalFolderId,
                         String internalFolderId) {
    }
}
