package org.matterhub.store.tenancy;

import java.util.Optional;

/** The scope the current thread's next transaction binds. Set only through {@link Tenancy}. */
public final class TenantContext {

    private static final ThreadLocal<TenantScope> CURRENT = new ThreadLocal<>();

    private TenantContext() {
    }

    public static Optional<TenantScope> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    static TenantScope swap(TenantScope scope) {
        TenantScope previous = CURRENT.get();
        if (scope == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(scope);
        }
        return previous;
    }
}
