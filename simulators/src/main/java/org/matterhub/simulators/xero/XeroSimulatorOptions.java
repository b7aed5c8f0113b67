package org.matterhub.simulators.xero;

import java.time.Duration;

/**
 * Settings of a {@link XeroSimulator}.
 *
 * @param port               0 for an ephemeral port
 * @param perMinute          calls per tenant per minute (Xero: 60); 0 = unlimited
 * @param perDay             calls per tenant per day (Xero: 5,000); 0 = unlimited
 * @param concurrent         calls in flight per tenant (Xero: 5); 0 = unlimited
 * @param appPerMinute       calls per app per minute across tenants (Xero: 10,000); 0 = unlimited
 * @param pageSize           records per page when {@code page} is given (Xero: 100)
 * @param accessTokenTtl     access token lifetime (Xero: 30 min)
 * @param refreshGrace       how long a rotated refresh token stays usable (Xero: 30 min)
 * @param idempotencyTtl     how long an {@code Idempotency-Key} answer is kept (Xero: unpublished)
 * @param timeoutFaultHold   how long a TIMEOUT fault holds a request
 */
public record XeroSimulatorOptions(int port, int perMinute, int perDay, int concurrent, int appPerMinute,
                                   int pageSize, Duration accessTokenTtl, Duration refreshGrace,
                                   Duration idempotencyTtl, Duration timeoutFaultHold) {

    /** Xero's published limits on an ephemeral port. */
    public static XeroSimulatorOptions defaults() {
        return new XeroSimulatorOptions(0, 60, 5_000, 5, 10_000, 100, Duration.ofMinutes(30),
                Duration.ofMinutes(30), Duration.ofHours(24), Duration.ofMinutes(5));
    }

    public XeroSimulatorOptions withPort(int p) {
        return new XeroSimulatorOptions(p, perMinute, perDay, concurrent, appPerMinute, pageSize, accessTokenTtl,
                refreshGrace, idempotencyTtl, timeoutFaultHold);
    }

    public XeroSimulatorOptions withLimits(int minute, int day, int inFlight, int appMinute) {
        return new XeroSimulatorOptions(port, minute, day, inFlight, appMinute, pageSize, accessTokenTtl,
                refreshGrace, idempotencyTtl, timeoutFaultHold);
    }

    public XeroSimulatorOptions withPageSize(int size) {
        return new XeroSimulatorOptions(port, perMinute, perDay, concurrent, appPerMinute, size, accessTokenTtl,
                refreshGrace, idempotencyTtl, timeoutFaultHold);
    }

    public XeroSimulatorOptions withTimeoutFaultHold(Duration hold) {
        return new XeroSimulatorOptions(port, perMinute, perDay, concurrent, appPerMinute, pageSize, accessTokenTtl,
                refreshGrace, idempotencyTtl, hold);
    }

    public XeroSimulatorOptions withRefreshGrace(Duration grace) {
        return new XeroSimulatorOptions(port, perMinute, perDay, concurrent, appPerMinute, pageSize, accessTokenTtl,
                grace, idempotencyTtl, timeoutFaultHold);
    }
}
