package org.matterhub.store.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.matterhub.store.model.InvoiceQueries.Cursor;

class InvoiceQueriesTest {

    @Test
    void cursorsRoundTripWithAndWithoutADate() {
        UUID id = UUID.randomUUID();
        Cursor dated = new Cursor(LocalDate.of(2026, 11, 20), id);
        Cursor undated = new Cursor(null, id);
        assertThat(Cursor.decode(dated.encode())).isEqualTo(dated);
        assertThat(Cursor.decode(undated.encode())).isEqualTo(undated);
        assertThat(dated.encode()).doesNotContain("=", "+", "/");
        assertThat(undated.sqlDate()).isEqualTo("-infinity");
    }

    @Test
    void aCursorTheApiDidNotWriteIsRefused() {
        for (String bogus : new String[] {"bogus", "", "!!!", "MjAyNi0xMS0yMA", "LXxub3QtYS11dWlk"}) {
            assertThatThrownBy(() -> Cursor.decode(bogus)).as(bogus).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void daysPastDue() {
        LocalDate today = LocalDate.of(2026, 3, 1);
        assertThat(InvoiceQueries.daysPastDue(null, today)).isZero();
        assertThat(InvoiceQueries.daysPastDue(today, today)).isZero();
        assertThat(InvoiceQueries.daysPastDue(today.plusDays(3), today)).isZero();
        assertThat(InvoiceQueries.daysPastDue(LocalDate.of(2026, 2, 1), today)).isEqualTo(28);
    }
}
