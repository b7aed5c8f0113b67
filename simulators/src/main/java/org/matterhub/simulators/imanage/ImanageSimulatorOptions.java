package org.matterhub.simulators.imanage;

import org.matterhub.simulators.common.OptionsBuilder;

import java.time.Duration;

/**
 * Start-up options for {@link ImanageSimulator}.
 *
 * @param port               TCP port on 127.0.0.1; 0 = ephemeral
 * @param customerId         the customer id returned by discovery and used in every API path
 * @param library            the one library (database) served, e.g. {@code ACTIVE_US}
 * @param accessTokenTtl     lifetime of access tokens ({@code expires_in})
 * @param crawlTombstones    when true, deleted documents appear in {@code sync/documents/crawl} as
 *                           tombstones ({@code "deleted": true}); when false (default, the only
 *                           behaviour with public evidence) they simply disappear and only a full crawl
 *                           diff reveals them
 * @param timeoutFaultHold   how long a TIMEOUT fault holds a request before dropping it
 */
public record ImanageSimulatorOptions(int port, int customerId, String library, Duration accessTokenTtl,
                                      boolean crawlTombstones, Duration timeoutFaultHold) {

    public ImanageSimulatorOptions {
        OptionsBuilder.requirePort(port);
        if (customerId <= 0) {
            throw new IllegalArgumentException("customerId must be positive");
        }
        if (library == null || !library.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("library must be letters, digits or _: " + library);
        }
    }

    /** Ephemeral port, customer 1, library {@code ACTIVE_US}, 30-minute tokens, no tombstones, 5-min hold. */
    public static ImanageSimulatorOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder; see the record components for meaning and {@link #defaults()} for defaults. */
    public static final class Builder extends OptionsBuilder<Builder, ImanageSimulatorOptions> {
        private int customerId = 1;
        private String library = "ACTIVE_US";
        private boolean crawlTombstones;

        Builder() {
            accessTokenTtl(Duration.ofMinutes(30));
        }

        @Override
        public ImanageSimulatorOptions build() {
            return new ImanageSimulatorOptions(port, customerId, library, accessTokenTtl, crawlTombstones,
                    timeoutFaultHold);
        }

        public Builder customerId(int v) { return set(() -> customerId = v); }
        public Builder library(String v) { return set(() -> library = v); }
        public Builder crawlTombstones(boolean v) { return set(() -> crawlTombstones = v); }
    }
}
