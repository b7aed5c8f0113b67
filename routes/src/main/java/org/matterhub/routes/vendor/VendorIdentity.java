package org.matterhub.routes.vendor;

import java.util.Objects;
import org.matterhub.mappings.canonical.SourceSystem;

/**
 * The base of a vendor's adapters: which vendor they speak to and the name people know it by. A vendor's package
 * says it once, in the base its adapters extend (e.g. {@code XeroAdapter}).
 */
public abstract class VendorIdentity implements VendorAdapter {

    private final SourceSystem system;
    private final String displayName;

    protected VendorIdentity(SourceSystem system, String displayName) {
        this.system = Objects.requireNonNull(system, "system");
        this.displayName = Objects.requireNonNull(displayName, "displayName");
    }

    @Override
    public final SourceSystem system() {
        return system;
    }

    @Override
    public final String displayName() {
        return displayName;
    }
}
