package org.matterhub.routes.vendor;

import java.util.Objects;
import org.matterhub.connectors.kernel.ErrorClassifier;
import org.matterhub.mappings.canonical.SourceSystem;

/**
 * The base of a vendor's adapters that also carries how the vendor's failures are classified (retriable,
 * re-authorise, permanent), for the adapters that are {@link VendorErrors}.
 */
public abstract class ClassifiedVendorIdentity extends VendorIdentity {

    private final ErrorClassifier errors;

    protected ClassifiedVendorIdentity(SourceSystem system, String displayName, ErrorClassifier errors) {
        super(system, displayName);
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    /** The vendor's classifier, for the adapters that are {@link VendorErrors}. */
    public ErrorClassifier errors() {
        return errors;
    }
}
