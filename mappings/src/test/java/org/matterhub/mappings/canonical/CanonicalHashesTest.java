package org.matterhub.mappings.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.matterhub.mappings.billing.Money;

/**
 * A content hash changes exactly when something the portal shows changes: the sync compares it to skip writes, so a
 * shown field the hash leaves out is a change the portal never gets, and a bookkeeping field in it is a needless write.
 */
class CanonicalHashesTest {

    private static CanonicalTimeEntry entry(String hours, String etag) {
        return new CanonicalTimeEntry("7", "200001", LocalDate.of(2025, 3, 1), new BigDecimal(hours), "Call with client",
                "Sarah Chen", true, false, Money.ofMinor(26_250, "USD"), Instant.parse("2025-03-01T10:00:00Z"), etag);
    }

    @Test
    void aTimeEntrysHoursAreShownSoTheyChangeItsHashButNotTheirScale() {
        String base = entry("0.75", "\"e\"").contentHash();
        assertThat(entry("1.00", "\"e\"").contentHash()).isNotEqualTo(base);
        assertThat(entry("0.750", "\"f\"").contentHash()).isEqualTo(base);
    }

    private static CanonicalContact contact(String email, String etag, Instant updatedAt) {
        return new CanonicalContact("101", ContactKind.PERSON, "Grace Chen", "Grace", "Chen", email, "+44 20 7946 0001",
                new PostalAddress("1 King Street", "London", "", "EC1A 1BB", "GB"), "77", true, updatedAt, etag);
    }

    @Test
    void aContactsHashFollowsItsDetailsNotItsEtagOrTimestamp() {
        Instant t = Instant.parse("2026-11-01T00:00:00Z");
        String base = contact("gc@northwind.example", "\"c0ffee\"", t).contentHash();
        assertThat(base).hasSize(64);
        assertThat(contact("gc@northwind.example", "\"c0ffef\"", t.plusSeconds(60)).contentHash()).isEqualTo(base);
        assertThat(contact("grace@northwind.example", "\"c0ffee\"", t).contentHash()).isNotEqualTo(base);
    }
}
