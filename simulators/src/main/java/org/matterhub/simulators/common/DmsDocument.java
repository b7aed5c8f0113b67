package org.matterhub.simulators.common;

import java.util.ArrayList;
import java.util.List;

/**
 * A document as a document-management simulator keeps it: its versions in order (version {@code n} at index
 * {@code n - 1}), its name and extension; a vendor's record adds its profile fields.
 *
 * @param <V> a version
 */
public abstract class DmsDocument<V> {

    public final List<V> versions = new ArrayList<>();
    public String name;
    public String extension;

    /** How errors name the document, e.g. {@code document 4821-7730-0001}. */
    protected abstract String describe();

    public V latest() {
        return versions.get(versions.size() - 1);
    }

    /** Version {@code n} (1-based); {@link IllegalArgumentException} when there is none. */
    public V version(int n) {
        if (n < 1 || n > versions.size()) {
            throw new IllegalArgumentException(describe() + " has no version " + n);
        }
        return versions.get(n - 1);
    }
}
