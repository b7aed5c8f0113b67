package org.matterhub.mappings.clio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.matterhub.connectors.clio.ClioActivity;
import org.matterhub.connectors.clio.ClioNote;
import org.matterhub.connectors.clio.ClioUserRef;
import org.matterhub.mappings.billing.MoneyException;
import org.matterhub.mappings.canonical.CanonicalTimeEntry;

class ClioTimeEntryMapperTest {

    private static ClioActivity activity(String type, String seconds, String total, Boolean nonBillable) {
        return new ClioActivity(7, "\"e\"", type, LocalDate.of(2025, 3, 1), seconds == null ? null : new BigDecimal(seconds),
                new BigDecimal("0.75"), new BigDecimal("350.0"), new BigDecimal(total), "Call with client", true,
                nonBillable, new ClioNote.ClioRef(200_001), new ClioUserRef(21L, "Sarah Chen", null),
                Instant.parse("2025-03-01T10:00:00Z"), Instant.parse("2025-03-01T10:00:00Z"));
    }

    @Test
    void aTimeEntryInSecondsBecomesHoursAndMinorUnits() {
        CanonicalTimeEntry t = ClioTimeEntryMapper.toCanonical(activity("TimeEntry", "2700", "262.5", false), "USD").orElseThrow();
        assertThat(t.hours()).isEqualByComparingTo("0.75");
        assertThat(t.amount().minorUnits()).isEqualTo(26_250);
        assertThat(t.amount().currency().getCurrencyCode()).isEqualTo("USD");
        assertThat(t.matterExternalId()).isEqualTo("200001");
        assertThat(t.userName()).isEqualTo("Sarah Chen");
        assertThat(t.billable()).isTrue();
        assertThat(t.billed()).isTrue();
    }

    @Test
    void withoutSecondsTheHoursClioReportsAreUsed() {
        assertThat(ClioTimeEntryMapper.toCanonical(activity("TimeEntry", null, "262.5", null), "GBP").orElseThrow().hours())
                .isEqualByComparingTo("0.75");
    }

    @Test
    void nonBillableIsKeptAndExpensesAreNotTimeEntries() {
        assertThat(ClioTimeEntryMapper.toCanonical(activity("TimeEntry", "900", "87.5", true), "USD").orElseThrow().billable())
                .isFalse();
        assertThat(ClioTimeEntryMapper.toCanonical(activity("ExpenseEntry", "1", "45.5", false), "USD")).isEmpty();
    }

    @Test
    void anAmountMorePreciseThanTheCurrencyIsRefusedNotRounded() {
        assertThatThrownBy(() -> ClioTimeEntryMapper.toCanonical(activity("TimeEntry", "900", "87.505", false), "USD"))
                .isInstanceOf(MoneyException.class);
    }

    @Test
    void theContentHashFollowsWhatThePortalShows() {
        String a = ClioTimeEntryMapper.toCanonical(activity("TimeEntry", "2700", "262.5", false), "USD").orElseThrow().contentHash();
        String b = ClioTimeEntryMapper.toCanonical(activity("TimeEntry", "2700.0", "262.50", false), "USD").orElseThrow().contentHash();
        String c = ClioTimeEntryMapper.toCanonical(activity("TimeEntry", "3600", "350", false), "USD").orElseThrow().contentHash();
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }
}
