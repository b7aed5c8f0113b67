package org.matterhub.routes.billing;

import java.time.Instant;

/**
 * The vendor's request quota of a connection (Xero: 5,000 a day per organisation) is spent until {@code resetAt}:
 * its polls are skipped, not retried, until then.
 */
public class BillingQuotaSpentException extends RuntimeException {

    private final Instant resetAt;

    public BillingQuotaSpentException(Instant resetAt, Throwable cause) {
        super("request quota spent until " + resetAt, cause);
        this.resetAt = resetAt;
    }

    public Instant resetAt() {
        return resetAt;
    }
}
