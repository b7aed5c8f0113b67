package org.matterhub.routes.engine;

import org.matterhub.connectors.kernel.ErrorClass;
import org.matterhub.connectors.kernel.RateLimitTimeoutException;
import org.matterhub.connectors.kernel.VendorHttpException;

/**
 * Tells a vendor's "not now" from a failure. A 429, a local rate limiter that has no permit soon enough, or a spent
 * quota say nothing about the work itself: it will succeed once the vendor's window opens. Such work is rescheduled
 * without spending its retry budget, so a busy minute never turns a payment or a poll into a dead letter that ops
 * would have to replay.
 */
public final class Throttling {

    private Throttling() {
    }

    public static boolean isThrottled(Throwable t, ErrorClass cls) {
        if (cls == ErrorClass.QUOTA_EXHAUSTED) {
            return true;
        }
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof RateLimitTimeoutException) {
                return true;
            }
            if (c instanceof VendorHttpException h && h.status() == 429) {
                return true;
            }
        }
        return false;
    }
}
