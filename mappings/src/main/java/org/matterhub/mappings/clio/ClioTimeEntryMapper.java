package org.matterhub.mappings.clio;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import org.matterhub.connectors.clio.ClioActivity;
import org.matterhub.mappings.billing.Money;
import org.matterhub.mappings.canonical.CanonicalTimeEntry;

/**
 * Clio activity → canonical time entry. Only {@code TimeEntry} activities are time entries; expenses and costs are
 * not shown on the portal. Clio renders amounts without a currency on the activity: the caller supplies the currency
 * the matter is billed in.
 */
public final class ClioTimeEntryMapper {

    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);

    private ClioTimeEntryMapper() {
    }

    /**
     * The time entry of an activity, or empty for an expense, a cost, or an activity on no matter.
     *
     * @param currency ISO 4217 code of the matter's billing currency
     * @throws org.matterhub.mappings.billing.MoneyException when {@code total} has more decimals than the currency
     */
    public static Optional<CanonicalTimeEntry> toCanonical(ClioActivity a, String currency) {
        if (!a.isTimeEntry() || a.matter() == null) {
            return Optional.empty();
        }
        BigDecimal total = a.total() == null ? BigDecimal.ZERO : a.total();
        return Optional.of(new CanonicalTimeEntry(
                Long.toString(a.id()),
                Long.toString(a.matter().id()),
                a.date(),
                hours(a),
                a.note(),
                a.user() == null ? null : a.user().name(),
                !Boolean.TRUE.equals(a.nonBillable()),
                Boolean.TRUE.equals(a.billed()),
                Money.of(total, currency),
                a.updatedAt(),
                a.etag()));
    }

    /** Hours from {@code quantity} in seconds (minor version 4.0.4 onwards), else Clio's {@code quantity_in_hours}. */
    static BigDecimal hours(ClioActivity a) {
        if (a.quantity() != null) {
            return a.quantity().divide(SECONDS_PER_HOUR, 4, RoundingMode.HALF_UP).stripTrailingZeros();
        }
        return a.quantityInHours() == null ? BigDecimal.ZERO : a.quantityInHours().stripTrailingZeros();
    }
}
