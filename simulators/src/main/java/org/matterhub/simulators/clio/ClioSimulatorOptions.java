package org.matterhub.simulators.clio;

import org.matterhub.simulators.common.OptionsBuilder;

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
        OptionsBuilder.requirePort(port);
        if (webhookMaxAttempts < 1) {
            throw new IllegalArgumentException("webhookMaxAttempts must be >= 1");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Ephemeral port, 5 delivery attempts starting at 50 ms backoff, 3 s receiver timeout, 5 min hold. */
    public static ClioSimulatorOptions defaults() {
        return builder().build();
    }

    /** Builder; see the record components for meaning and {@link #defaults()} for defaults. */
    public static final class Builder extends OptionsBuilder<Builder, ClioSimulatorOptions> {
        private int webhookMaxAttempts = 5;
        private Duration webhookInitialBackoff = Duration.ofMillis(50);
        private Duration webhookTimeout = Duration.ofSeconds(3);

        public Builder webhookMaxAttempts(int v) { return set(() -> webhookMaxAttempts = v); }
        public Builder webhookInitialBackoff(Duration v) { return set(() -> webhookInitialBackoff = v); }
        public Builder webhookTimeout(Duration v) { return set(() -> webhookTimeout = v); }

        @Override
        public ClioSimulatorOptions build() {
            return new ClioSimulatorOptions(port, webhookMaxAttempts, webhookInitialBackoff, webhookTimeout,
                    timeoutFaultHold);
        }
    }
}
