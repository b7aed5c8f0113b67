package org.matterhub.simulators.common;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Thread-safe list of {@link FaultRule}s. Rules are consulted in the order they were added:
 * every matching {@link FaultKind#LATENCY} rule adds its delay; the first matching rule of any other
 * kind decides the outcome. Each rule that fires consumes one of its {@code times}.
 *
 * <p>Every fault that fires is counted by kind, and every kind armed is remembered, until {@link #resetCounts}
 * ({@link #clear} removes the rules but keeps the counts), so a test can show that each fault it armed fired.
 */
public final class FaultInjector {

    private final List<ActiveRule> rules = new ArrayList<>();
    private final EnumMap<FaultKind, Long> fired = new EnumMap<>(FaultKind.class);
    private final EnumSet<FaultKind> armed = EnumSet.noneOf(FaultKind.class);

    public synchronized void add(FaultRule rule) {
        rules.add(new ActiveRule(rule));
        armed.add(rule.kind());
    }

    /** Removes every rule; the counts stay. */
    public synchronized void clear() {
        rules.clear();
    }

    /** How many requests each kind of fault has hit since the start (or {@link #resetCounts}). */
    public synchronized Map<FaultKind, Long> fired() {
        return new EnumMap<>(fired);
    }

    /** How many requests a kind of fault has hit. */
    public synchronized long fired(FaultKind kind) {
        return fired.getOrDefault(kind, 0L);
    }

    /** The kinds of the rules added since the start (or {@link #resetCounts}). */
    public synchronized EnumSet<FaultKind> armed() {
        return armed.isEmpty() ? EnumSet.noneOf(FaultKind.class) : EnumSet.copyOf(armed);
    }

    /** Forgets the counts and the kinds armed (the rules stay). */
    public synchronized void resetCounts() {
        fired.clear();
        armed.clear();
        for (ActiveRule r : rules) {
            armed.add(r.rule.kind());
        }
    }

    /** Rules still active, with their remaining count ({@code -1} = forever). */
    public synchronized List<Map<String, Object>> describe() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ActiveRule r : rules) {
            out.add(Map.of("rule", r.rule, "remaining", r.remaining, "fired", r.fired));
        }
        return out;
    }

    /** Decides what happens to one request. */
    public synchronized Decision decide(String method, String path) {
        long latency = 0;
        FaultRule terminal = null;
        for (ActiveRule r : rules) {
            if (!r.matches(method, path)) {
                continue;
            }
            if (r.rule.kind() == FaultKind.LATENCY) {
                if (r.fire()) {
                    latency += r.rule.latencyMillis();
                    fired.merge(FaultKind.LATENCY, 1L, Long::sum);
                }
            } else if (terminal == null && r.fire()) {
                terminal = r.rule;
                fired.merge(terminal.kind(), 1L, Long::sum);
            }
        }
        rules.removeIf(r -> r.remaining == 0);
        return new Decision(latency, Optional.ofNullable(terminal));
    }

    /**
     * Outcome for one request.
     *
     * @param latencyMillis total delay to apply before anything else
     * @param fault         the non-latency fault to apply, if any
     */
    public record Decision(long latencyMillis, Optional<FaultRule> fault) {
    }

    private static final class ActiveRule {
        private final FaultRule rule;
        private final Pattern path;
        private int remaining;
        private long seen;
        private long fired;

        ActiveRule(FaultRule rule) {
            this.rule = rule;
            this.path = rule.pathRegex() == null ? null : Pattern.compile(rule.pathRegex());
            this.remaining = rule.times();
        }

        boolean matches(String method, String requestPath) {
            if (remaining == 0) {
                return false;
            }
            if (rule.method() != null && !rule.method().equalsIgnoreCase(method)) {
                return false;
            }
            return path == null || path.matcher(requestPath).find();
        }

        boolean fire() {
            seen++;
            if (seen <= rule.skip() || (seen - rule.skip()) % rule.every() != 0) {
                return false;
            }
            if (rule.probability() < 1.0 && ThreadLocalRandom.current().nextDouble() >= rule.probability()) {
                return false;
            }
            if (remaining > 0) {
                remaining--;
            }
            fired++;
            return true;
        }
    }
}
