package org.matterhub.simulators.quickbooks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Date and time text as QBO writes and reads it. */
final class QboTime {

    /** {@code 2025-03-01T09:15:02.117-00:00}-style: xs:dateTime with milliseconds and a numeric offset. */
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx").withZone(ZoneOffset.UTC);

    private QboTime() {
    }

    static String dateTime(Instant instant) {
        return DATE_TIME.format(instant);
    }

    static String date(LocalDate date) {
        return date.toString();
    }

    /** Parses an xs:dateTime or xs:date (midnight UTC); null when it is neither. */
    static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                try {
                    return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException e3) {
                    return null;
                }
            }
        }
    }
}
