package org.matterhub.store.tenancy;

import java.util.Objects;
import java.util.UUID;

/**
 * The tenant a transaction works for. Bound to the database with {@code set_config(..., true)} at the start
 * of every transaction (see {@link TenantBindingTransactionManager}), so it lives exactly as long as the
 * transaction and never leaks to the next borrower of a pooled connection.
 */
public record TenantScope(UUID firmId, UUID userId, Actor actor) {

    public TenantScope {
        Objects.requireNonNull(firmId, "firmId");
        Objects.requireNonNull(actor, "actor");
    }

    public static TenantScope system(UUID firmId) {
        return new TenantScope(firmId, null, Actor.SYSTEM);
    }

    public static TenantScope client(UUID firmId, UUID userId) {
        return new TenantScope(firmId, Objects.requireNonNull(userId, "userId"), Actor.CLIENT);
    }

    public static TenantScope staff(UUID firmId, UUID userId) {
        return new TenantScope(firmId, userId, Actor.STAFF);
    }
}
