package org.matterhub.connectors.imanage;

import java.util.List;

/**
 * What {@code GET /api} says about the signed-in user (IM-FP, IM-SC).
 *
 * @param customerId       {@code data.user.customer_id}
 * @param userId           {@code data.user.id}
 * @param preferredLibrary {@code data.work.preferred_library}, or null
 * @param libraries        {@code data.work.libraries[].alias}
 */
public record ImanageDiscovery(String customerId, String userId, String preferredLibrary, List<String> libraries) {

    public ImanageDiscovery {
        libraries = libraries == null ? List.of() : List.copyOf(libraries);
    }
}
