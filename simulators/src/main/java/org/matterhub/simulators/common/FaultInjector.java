package org.matterhub.simulators.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Thread-safe list of {@link FaultRule}s. Rules are consulted in the order they were added:
 * every matching {@link FaultKind#LATENCY} rule adds its delay; the first matching rule of any other
 * kind decides the outcome. Each rule that fires consumes one of its {@code times}.
 */
public final class FaultInjector {

    private final List<ActiveRule> rules = new ArrayList<>();

    public synchronized void add(FaultRule rule) {
        rules.add(new ActiveRule(rule));
    }

    public synchronized void clear() {
        rules.clear();
    }

    /** Rules still active, with their remaining count ({@code -1} = forever). */
    public synchronized List<Map<String, Object>> describe() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ActiveRule r : rules) {
            out.add(Map.of("rule", r.rule, "remaining", r.remaining));
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
                }
            } else if (terminal == null && r.fire()) {
                terminal = r.rule;
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
            if (rule.probability() < 1.0 && ThreadLocalRandom.current().nextDouble() >= rule.probability()) {
                return false;
            }
            if (remaining > 0) {
                remaining--;
            }
            return true;
        }
    }
}
