package org.matterhub.simulators.common;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A fault to inject into matching requests.
 *
 * @param method           HTTP method to match, {@code null} = any
 * @param pathRegex        regular expression searched ({@code find}) in the request path (no query);
 *                         {@code null} = any path
 * @param kind             what to do
 * @param times            how many matching requests to affect; {@code -1} = forever
 * @param probability      chance (0 &lt; p &le; 1) that a matching request is affected; 1 = always
 * @param latencyMillis    delay for {@link FaultKind#LATENCY}
 * @param status           status for {@link FaultKind#SERVER_ERROR} (0 = 500)
 * @param retryAfterSeconds {@code Retry-After} for {@link FaultKind#RATE_LIMITED} (0 = 1 second)
 * @param every            deterministic arming: only every {@code every}-th matching request may fire
 *                         (1 = each one); a test that must see the fault fire uses this instead of a small
 *                         {@code probability} that may fire zero times
 * @param skip             the first {@code skip} matching requests pass untouched ("the Nth request" is
 *                         {@code skip(N - 1).times(1)})
 */
public record FaultRule(String method, String pathRegex, FaultKind kind, int times, double probability,
                        long latencyMillis, int status, int retryAfterSeconds, int every, int skip) {

    public FaultRule {
        Objects.requireNonNull(kind, "kind");
        if (times < -1) {
            throw new IllegalArgumentException("times must be -1 (forever) or >= 0");
        }
        if (!(probability > 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in (0, 1]");
        }
        if (pathRegex != null) {
            Pattern.compile(pathRegex);
        }
        if (every < 1 || skip < 0) {
            throw new IllegalArgumentException("every must be >= 1 and skip >= 0");
        }
    }

    /** Every request (any method, any path) of this kind, forever. */
    public static Builder builder(FaultKind kind) {
        return new Builder(kind);
    }

    /** {@code times} requests with this method whose path matches {@code pathRegex}. */
    public static FaultRule of(FaultKind kind, String method, String pathRegex, int times) {
        return builder(kind).method(method).pathRegex(pathRegex).times(times).build();
    }

    /** Status to answer for {@link FaultKind#SERVER_ERROR}. */
    public int effectiveStatus() {
        return status == 0 ? 500 : status;
    }

    public int effectiveRetryAfterSeconds() {
        return retryAfterSeconds <= 0 ? 1 : retryAfterSeconds;
    }

    /** Builder with defaults: any method, any path, forever, probability 1. */
    public static final class Builder {
        private final FaultKind kind;
        private String method;
        private String pathRegex;
        private int times = -1;
        private double probability = 1.0;
        private long latencyMillis;
        private int status;
        private int retryAfterSeconds;
        private int every = 1;
        private int skip;

        private Builder(FaultKind kind) {
            this.kind = kind;
        }

        public Builder method(String method) {
            this.method = method;
            return this;
        }

        public Builder pathRegex(String pathRegex) {
            this.pathRegex = pathRegex;
            return this;
        }

        public Builder times(int times) {
            this.times = times;
            return this;
        }

        public Builder probability(double probability) {
            this.probability = probability;
            return this;
        }

        public Builder latencyMillis(long latencyMillis) {
            this.latencyMillis = latencyMillis;
            return this;
        }

        public Builder status(int status) {
            this.status = status;
            return this;
        }

        public Builder retryAfterSeconds(int retryAfterSeconds) {
            this.retryAfterSeconds = retryAfterSeconds;
            return this;
        }

        /** Only every {@code n}-th matching request fires (the n-th, the 2n-th, ...). */
        public Builder every(int n) {
            this.every = n;
            return this;
        }

        /** The first {@code n} matching requests pass untouched. */
        public Builder skip(int n) {
            this.skip = n;
            return this;
        }

        public FaultRule build() {
            return new FaultRule(method, pathRegex, kind, times, probability, latencyMillis, status,
                    retryAfterSeconds, every, skip);
        }
    }
}
