package org.matterhub.routes.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DigestScheduleTest {

    /** Monday 7 December 2026 and the days around it; the hour is 08:00 local unless said. */
    @ParameterizedTest(name = "{0} {1} in {2} -> {3}, cut-off {4}")
    @CsvSource({
            "daily,  2026-12-07T19:30:00Z, UTC,                 2026-12-07, 2026-12-07T08:00:00Z",
            "daily,  2026-12-07T07:59:59Z, UTC,                 2026-12-06, 2026-12-06T08:00:00Z",
            "daily,  2026-12-07T08:00:00Z, UTC,                 2026-12-07, 2026-12-07T08:00:00Z",
            "daily,  2026-12-07T19:30:00Z, Pacific/Auckland,    2026-12-08, 2026-12-07T19:00:00Z",
            "daily,  2026-12-07T15:59:00Z, America/Los_Angeles, 2026-12-06, 2026-12-06T16:00:00Z",
            "daily,  2026-12-07T03:00:00Z, Asia/Kolkata,        2026-12-07, 2026-12-07T02:30:00Z",
            "weekly, 2026-12-07T19:30:00Z, UTC,                 2026-12-07, 2026-12-07T08:00:00Z",
            "weekly, 2026-12-07T07:00:00Z, UTC,                 2026-11-30, 2026-11-30T08:00:00Z",
            "weekly, 2026-12-13T23:00:00Z, UTC,                 2026-12-07, 2026-12-07T08:00:00Z",
            "weekly, 2026-12-06T19:30:00Z, Pacific/Auckland,    2026-12-07, 2026-12-06T19:00:00Z",
            "weekly, 2026-12-07T15:00:00Z, America/Los_Angeles, 2026-11-30, 2026-11-30T16:00:00Z",
    })
    void theDigestDueIsTheLatestScheduledLocalTime(String period, Instant now, String zone, LocalDate key, Instant cutOff) {
        DigestSchedule.Due due = DigestSchedule.due(period, now, ZoneId.of(zone), 8);
        assertThat(due.periodKey()).isEqualTo(key);
        assertThat(due.cutOff()).isEqualTo(cutOff).isBeforeOrEqualTo(now);
    }

    @ParameterizedTest(name = "hour {0}")
    @CsvSource({"0, 2026-12-07, 2026-12-07T00:00:00Z", "23, 2026-12-06, 2026-12-06T23:00:00Z"})
    void theHourIsASetting(int hour, LocalDate key, Instant cutOff) {
        DigestSchedule.Due due = DigestSchedule.due("daily", Instant.parse("2026-12-07T19:30:00Z"), ZoneOffset.UTC, hour);
        assertThat(due.periodKey()).isEqualTo(key);
        assertThat(due.cutOff()).isEqualTo(cutOff);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"2026-03-08T10:30:00Z, 2026-03-08, 2026-03-08T07:00:00Z",
            "2026-03-08T06:59:00Z, 2026-03-07, 2026-03-07T07:00:00Z"})
    void aSpringForwardGapAtTheSendingHourMovesItAnHourLater(Instant now, LocalDate key, Instant cutOff) {
        // New York skips 02:00-03:00 on 8 March 2026: that day's 02:00 digest is due at 03:00 EDT (07:00Z).
        DigestSchedule.Due due = DigestSchedule.due("daily", now, ZoneId.of("America/New_York"), 2);
        assertThat(due.periodKey()).isEqualTo(key);
        assertThat(due.cutOff()).isEqualTo(cutOff).isBeforeOrEqualTo(now);
    }

    @ParameterizedTest(name = "zone [{0}]")
    @CsvSource({"Not/AZone", "''", "+99:00"})
    void anUnknownZoneIsUtc(String zone) {
        assertThat(DigestSchedule.zone(zone)).isEqualTo(ZoneOffset.UTC);
    }
}
