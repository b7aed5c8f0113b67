package org.matterhub.simulators.common;

import java.time.Instant;
import java.util.Map;

/**
 * Who did something to a simulated record and when (created, last modified), rendered as a vendor's pair of
 * fields, e.g. {@code created}/{@code createdBy}.
 *
 * @param at  when (from the simulator's {@link MonotonicClock})
 * @param by  the user
 */
public record Stamp(Instant at, String by) {

    /** Puts {@code at} (ISO-8601 UTC, milliseconds) under {@code atField} and {@code by} under {@code byField}. */
    public void render(Map<String, Object> out, String atField, String byField) {
        out.put(atField, MonotonicClock.format(at));
        out.put(byField, by);
    }
}
