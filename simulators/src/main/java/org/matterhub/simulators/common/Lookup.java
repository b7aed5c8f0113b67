package org.matterhub.simulators.common;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Finding a simulator's record by its key, or failing with the caller's error: an {@link IllegalArgumentException}
 * for the Java API (a test's mistake), the vendor's 404 or 400 for the wire API.
 */
public final class Lookup {

    private Lookup() {
    }

    /** The record under {@code key}; {@code missing} builds the error when there is none (or the key is null). */
    public static <K, V> V require(Map<K, V> records, K key, Function<K, ? extends RuntimeException> missing) {
        return require(records, key, v -> true, missing);
    }

    /** The record under {@code key} if {@code visible} accepts it (a deleted one is not, on the wire). */
    public static <K, V> V require(Map<K, V> records, K key, Predicate<V> visible,
                                   Function<K, ? extends RuntimeException> missing) {
        V v = key == null ? null : records.get(key);
        if (v == null || !visible.test(v)) {
            throw missing.apply(key);
        }
        return v;
    }

    /** {@code value} unless it is null or blank; {@code missing} gets the field's name. */
    public static String requireText(String value, String name, Function<String, ? extends RuntimeException> missing) {
        if (value == null || value.isBlank()) {
            throw missing.apply(name + " is required");
        }
        return value;
    }
}
