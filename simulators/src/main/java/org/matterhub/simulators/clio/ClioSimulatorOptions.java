package org.matterhub.simulators.clio;

import java.time.Duration;

/**
 * Start-up options for {@link ClioSimulator}.
 *
 * @param port                   TCP port on 127.0.0.1; 0 = ephemeral
 * @param webhookMaxAttempts     delivery attempts per webhook event (first try included)
 * @param webhookInitialBackoff  wait before the second attempt; doubles each further attempt
 * @param webhookTimeout         how long a receiver may take to answer a delivery or handshake
 * @param timeoutFaultHold       how long a TIMEOUT fault holds a request before dropping it
 */
public record ClioSimulatorOptions(int port, int webhookMaxAttempts, Duration webhookInitialBackoff,
                                   Duration webhookTimeout, Duration timeoutFaultHold) {

    public ClioSimulatorOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (webhookMaxAttempts < 1) {
            throw new IllegalArgumentException("webhookMaxAttempts must be >= 1");
        }
    }

    /** Ephemeral port, 5 delivery attempts starting at 50 ms backoff, 3 s receiver timeout, 5 min hold. */
    public static ClioSimulatorOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder; see the record components for meaning and {@link #defaults()} for defaults. */
    public static final class Builder {
        private int port;
        private int webhookMaxAttempts = 5;
        private Duration webhookInitialBackoff = Duration.ofMillis(50);
        private Duration webhookTimeout = Duration.ofSeconds(3);
        private Duration timeoutFaultHold = Duration.ofMinutes(5);

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder webhookMaxAttempts(int attempts) {
            this.webhookMaxAttempts = attempts;
            return this;
        }

        public Builder webhookInitialBackoff(Duration backoff) {
            this.webhookInitialBackoff = backoff;
            return this;
        }

        public Builder webhookTimeout(Duration timeout) {
            this.webhookTimeout = timeout;
            return this;
        }

        public Builder timeoutFaultHold(Duration hold) {
            this.timeoutFaultHold = hold;
            return this;
        }

        public ClioSimulatorOptions build() {
            return new ClioSimulatorOptions(port, webhookMaxAttempts, webhookInitialBackoff, webhookTimeout,
                    timeoutFaultHold);
        }
    }
}
