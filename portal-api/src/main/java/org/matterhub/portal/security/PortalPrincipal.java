package org.matterhub.portal.security;

import java.util.UUID;
import org.matterhub.store.tenancy.Actor;
import org.matterhub.store.tenancy.TenantScope;

/**
 * The signed-in person, resolved from a validated JWT to a portal user.
 *
 * @param kind     {@code client} or {@code firm}
 * @param firmRole for firm people: staff, partner, firm_admin or ops
 */
public record PortalPrincipal(UUID userId, UUID firmId, String email, String kind, String firmRole) {

    public boolean isClient() {
        return "client".equals(kind);
    }

    public boolean isFirm() {
        return "firm".equals(kind);
    }

    public boolean hasFirmRole(String... roles) {
        if (!isFirm()) {
            return false;
        }
        for (String r : roles) {
            if (r.equals(firmRole)) {
                return true;
            }
        }
        return false;
    }

    /** The database scope this person's requests run in. */
    public TenantScope scope() {
        if (isClient()) {
            return TenantScope.client(firmId, userId);
        }
        return new TenantScope(firmId, userId, "ops".equals(firmRole) ? Actor.OPS : Actor.STAFF);
    }
}
