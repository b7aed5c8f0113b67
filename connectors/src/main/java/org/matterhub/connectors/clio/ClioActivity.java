package org.matterhub.connectors.clio;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.matterhub.connectors.kernel.SnakeCaseJson;

/**
 * A Clio activity (schema {@code Activity}) with the fields {@link ClioClient#ACTIVITY_FIELDS} requests: a time entry
 * or an expense recorded against a matter. Amounts are decimals in the firm's currency, exactly as Clio renders them.
 *
 * @param type            {@code TimeEntry}, {@code ExpenseEntry}, {@code HardCostEntry} or {@code SoftCostEntry}
 * @param quantity        for a time entry the time in <b>seconds</b> (minor version 4.0.4 onwards; hours before);
 *                        for an expense the number of units
 * @param quantityInHours a time entry's time in hours
 * @param price           the hourly rate of a time entry, the unit price of an expense
 * @param total           what the activity bills: quantity in hours (or units) times price
 * @param nonBillable     marked non-billable: shown, never billed
 * @param matter          the matter it was recorded against (its id)
 * @param user            the timekeeper
 */
@SnakeCaseJson
public record ClioActivity(
        long id,
        String etag,
        String type,
        LocalDate date,
        BigDecimal quantity,
        BigDecimal quantityInHours,
        BigDecimal price,
        BigDecimal total,
        String note,
        Boolean billed,
        Boolean nonBillable,
        ClioNote.ClioRef matter,
        ClioUserRef user,
        Instant createdAt,
        Instant updatedAt) {

    /** Type of a time entry. */
    public static final String TIME_ENTRY = "TimeEntry";

    /** Whether this is a time entry (not an expense or cost). */
    public boolean isTimeEntry() {
        return TIME_ENTRY.equals(type);
    }
}
