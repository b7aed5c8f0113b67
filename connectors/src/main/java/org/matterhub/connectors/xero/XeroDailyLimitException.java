package org.matterhub.connectors.xero;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.matterhub.connectors.kernel.VendorHttpException;

/**
 * The organisation's daily call quota (5,000 per rolling 24 h, XE-LIM) is used up. Xero said so with a 429 whose
 * {@code X-Rate-Limit-Problem} is {@code day}; from then on the client sends nothing for this organisation until
 * {@link #resetAt()} and throws this at once. The caller parks the work until then instead of retrying.
 */
public class XeroDailyLimitException extends VendorHttpException {

    private final Instant resetAt;
    private final boolean sent;

    /**
     * @param resetAt when Xero's window lets calls through again (now + the 429's {@code Retry-After})
     * @param wait    how long that is from now
     * @param sent    whether this call reached Xero (false: refused locally while parked)
     */
    public XeroDailyLimitException(String method, String path, Instant resetAt, Duration wait, boolean sent,
                                   String bodyExcerpt) {
        super(XeroClient.VENDOR, method, path, 429, Optional.of(wait), XeroHeaders.RateLimitProblem.DAY.value(),
                (sent ? "" : "not sent: ") + "daily limit reached until " + resetAt
                        + (bodyExcerpt == null ? "" : " (" + bodyExcerpt + ")"));
        this.resetAt = Objects.requireNonNull(resetAt, "resetAt");
        this.sent = sent;
    }

    /** When the daily window resets and calls may resume. */
    public Instant resetAt() {
        return resetAt;
    }

    /** Whether this call reached Xero; false when the client refused it locally. */
    public boolean sent() {
        return sent;
    }
}
