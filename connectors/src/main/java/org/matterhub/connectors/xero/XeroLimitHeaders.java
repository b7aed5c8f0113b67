package org.matterhub.connectors.xero;

import java.time.Instant;

/**
 * What Xero's limit headers said on the latest accounting response (XE-LIM). A value is null when the response did
 * not carry that header.
 *
 * @param minuteRemaining    {@code X-MinLimit-Remaining}: calls left in the organisation's minute
 * @param dayRemaining       {@code X-DayLimit-Remaining}: calls left in the organisation's rolling day
 * @param appMinuteRemaining {@code X-AppMinLimit-Remaining}: calls left to the whole app this minute
 * @param observedAt         when the response arrived
 */
public record XeroLimitHeaders(Integer minuteRemaining, Integer dayRemaining, Integer appMinuteRemaining,
                               Instant observedAt) {

    /** Whether any of the three headers was present. */
    public boolean present() {
        return minuteRemaining != null || dayRemaining != null || appMinuteRemaining != null;
    }
}
