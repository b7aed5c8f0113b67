package org.matterhub.routes.notify;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/**
 * When a person's digest is due, in their own time zone: the daily one every day at {@code hour}:00 local time, the
 * weekly one on Mondays at {@code hour}:00. The digest due at a moment is the latest such scheduled time at or before
 * it; its period key is that local date (the day, or the Monday), and its cut-off is that instant: notifications
 * created before it are in the digest, later ones wait for the next. A digest missed (the hub was down) goes out late
 * under its own key, never twice.
 */
public final class DigestSchedule {

    /** The digest due: its period key (a local date) and its cut-off. */
    public record Due(LocalDate periodKey, Instant cutOff) {
    }

    private DigestSchedule() {
    }

    /** The digest of {@code period} ('daily' or 'weekly') due at {@code now} in {@code zone} with sending hour {@code hour}. */
    public static Due due(String period, Instant now, ZoneId zone, int hour) {
        LocalDate day = LocalDateTime.ofInstant(now, zone).minusHours(hour).toLocalDate();
        LocalDate key = switch (period) {
            case "daily" -> day;
            case "weekly" -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            default -> throw new IllegalArgumentException("no digest period " + period);
        };
        Instant cutOff = key.atTime(hour, 0).atZone(zone).toInstant();
        if (cutOff.isAfter(now)) {
            // Only where a daylight-saving gap moved the scheduled local time forward past now.
            return due(period, now.minusSeconds(3600), zone, hour);
        }
        return new Due(key, cutOff);
    }

    /** The person's time zone, or UTC when what is stored is not an IANA region name. */
    public static ZoneId zone(String timeZone) {
        try {
            return timeZone == null ? ZoneOffset.UTC : ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
