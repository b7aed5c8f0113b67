package org.matterhub.simulators.quickbooks;

import java.time.Duration;

/**
 * Settings of a {@link QboSimulator}.
 *
 * @param port                  0 for an ephemeral port
 * @param requestsPerMinute     per realm (and app); QBO: 500 (VENDORS.md §4.6); 0 = unlimited
 * @param maxConcurrent         concurrent requests per realm; QBO: 10 (VENDORS.md §4.6); 0 = unlimited
 * @param cdcMaxObjects         objects per CDC response; QBO: 1,000 (VENDORS.md §4.4)
 * @param cdcLookBack           oldest {@code changedSince}; QBO: 30 days (VENDORS.md §4.4)
 * @param accessTokenTtl        QBO: 3,600 s (VENDORS.md §4.1)
 * @param timeoutFaultHold      how long a TIMEOUT fault holds a request
 * @param webhookMaxAttempts    deliveries per event incl. the first (QBO retries for days; tests want fewer)
 * @param webhookInitialBackoff wait before the second attempt, doubled after (QBO: 10 s, 20 s, 30 s, 5 min, …)
 */
public record QboSimulatorOptions(int port, int requestsPerMinute, int maxConcurrent, int cdcMaxObjects,
                                  Duration cdcLookBack, Duration accessTokenTtl, Duration timeoutFaultHold,
                                  int webhookMaxAttempts, Duration webhookInitialBackoff) {

    public static QboSimulatorOptions defaults() {
        return new QboSimulatorOptions(0, 500, 10, 1000, Duration.ofDays(30), Duration.ofHours(1),
                Duration.ofMinutes(5), 3, Duration.ofMillis(50));
    }

    public QboSimulatorOptions withPort(int p) {
        return new QboSimulatorOptions(p, requestsPerMinute, maxConcurrent, cdcMaxObjects, cdcLookBack,
                accessTokenTtl, timeoutFaultHold, webhookMaxAttempts, webhookInitialBackoff);
    }

    public QboSimulatorOptions withLimits(int perMinute, int concurrent) {
        return new QboSimulatorOptions(port, perMinute, concurrent, cdcMaxObjects, cdcLookBack,
                accessTokenTtl, timeoutFaultHold, webhookMaxAttempts, webhookInitialBackoff);
    }

    /** How long a TIMEOUT fault holds a request before dropping it (its concurrency slot stays taken meanwhile). */
    public QboSimulatorOptions withTimeoutFaultHold(Duration hold) {
        return new QboSimulatorOptions(port, requestsPerMinute, maxConcurrent, cdcMaxObjects, cdcLookBack,
                accessTokenTtl, hold, webhookMaxAttempts, webhookInitialBackoff);
    }

    public QboSimulatorOptions withCdcMaxObjects(int max) {
        return new QboSimulatorOptions(port, requestsPerMinute, maxConcurrent, max, cdcLookBack,
                accessTokenTtl, timeoutFaultHold, webhookMaxAttempts, webhookInitialBackoff);
    }
}
