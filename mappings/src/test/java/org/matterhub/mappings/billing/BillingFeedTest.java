package org.matterhub.mappings.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A batch with anything in it, a deletion included, is not empty; its size (recorded with the sync cursor) counts it. */
class BillingFeedTest {

    static Stream<Arguments> oneRecordOfEachKind() {
        Instant at = Instant.parse("2026-11-20T10:10:00Z");
        return Stream.of(
                Arguments.of("a customer", (Consumer<BillingFeed>) f -> f.customers.add(
                        new BillingFeed.Customer("58", "00001 Advice - Northwind", "57", true, at))),
                Arguments.of("an invoice", (Consumer<BillingFeed>) f -> f.invoices.add(new BillingFeed.Invoice("130",
                        "1001", "58", "00001 Advice - Northwind", null, null, null, null, null, "Open", "open", "USD",
                        new BigDecimal("900.00"), null, new BigDecimal("900.00"), LocalDate.of(2026, 11, 1), null, "0", at,
                        null, java.util.List.of()))),
                Arguments.of("a payment", (Consumer<BillingFeed>) f -> f.payments.add(new BillingFeed.Payment("131",
                        "130", new BigDecimal("800.00"), "USD", LocalDate.of(2026, 11, 20), null, "CHQ-5531", at, false))),
                Arguments.of("a deleted invoice", (Consumer<BillingFeed>) f -> f.deletedInvoices.add("130")),
                Arguments.of("a deleted payment", (Consumer<BillingFeed>) f -> f.deletedPayments.add("131")),
                Arguments.of("a deleted customer", (Consumer<BillingFeed>) f -> f.deletedCustomers.add("58")));
    }

    @ParameterizedTest(name = "a feed with only {0} is not empty")
    @MethodSource("oneRecordOfEachKind")
    void anyOneRecordMakesTheFeedNonEmpty(String what, Consumer<BillingFeed> add) {
        BillingFeed feed = new BillingFeed();
        assertThat(feed.isEmpty()).isTrue();
        assertThat(feed.size()).isZero();
        add.accept(feed);
        assertThat(feed.isEmpty()).as(what).isFalse();
        assertThat(feed.size()).isEqualTo(1);
    }
}
