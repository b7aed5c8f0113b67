package org.matterhub.mappings.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyTest {

    @ParameterizedTest(name = "{0} {1} → {2} minor")
    @CsvSource({
            "1250.50, GBP, 125050",
            "1250.5, gbp, 125050",
            "0.01, USD, 1",
            "-20.00, EUR, -2000",
            "1000, JPY, 1000",
            "1.234, BHD, 1234",
            "92233720368547758.07, GBP, 9223372036854775807",
            // the most negative amount (a credit) the hub records is kept too
            "-92233720368547758.08, GBP, -9223372036854775808",
    })
    void acceptsAmountsAsWrittenAndKeepsMinorUnits(String amount, String currency, long minor) {
        Money m = Money.parse(amount, currency);
        assertThat(m.minorUnits()).isEqualTo(minor);
        assertThat(m.currency().getCurrencyCode()).isEqualTo(currency.toUpperCase());
        assertThat(Money.of(m.amount(), currency)).isEqualTo(m);
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
            "10.005, GBP, TOO_PRECISE",
            "1.5, JPY, TOO_PRECISE",
            "92233720368547758.08, GBP, OVERFLOW",
            "-92233720368547758.09, GBP, OVERFLOW",
            "1e400, GBP, MALFORMED",
            "'12,50', GBP, MALFORMED",
            "ten, GBP, MALFORMED",
            "10.00, XXX, UNKNOWN_CURRENCY",
            "10.00, QQQ, UNKNOWN_CURRENCY",
            "10.00, '', UNKNOWN_CURRENCY",
    })
    void refusesWhatWouldLoseOrInventMoney(String amount, String currency, MoneyException.Reason reason) {
        assertThatThrownBy(() -> Money.parse(amount, currency)).isInstanceOfSatisfying(MoneyException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.getMessage()).isNotBlank();
        });
    }

    @Test
    void arithmeticKeepsCurrenciesApartAndNeverWraps() {
        Money gbp = Money.parse("10.00", "GBP");
        assertThat(gbp.plus(Money.parse("0.05", "GBP"))).isEqualTo(Money.ofMinor(1005, "GBP"));
        assertThat(gbp.minus(Money.parse("12.50", "GBP")).isNegative()).isTrue();
        assertThatThrownBy(() -> gbp.plus(Money.parse("1", "USD"))).isInstanceOfSatisfying(MoneyException.class,
                e -> assertThat(e.reason()).isEqualTo(MoneyException.Reason.CURRENCY_MISMATCH));
        Money max = Money.ofMinor(Long.MAX_VALUE, "GBP");
        assertThatThrownBy(() -> max.plus(Money.ofMinor(1, "GBP"))).isInstanceOfSatisfying(MoneyException.class,
                e -> assertThat(e.reason()).isEqualTo(MoneyException.Reason.OVERFLOW));
        assertThatThrownBy(() -> Money.ofMinor(-1, "GBP").requireNonNegative("A balance"))
                .hasMessageContaining("A balance cannot be negative");
        assertThat(Money.of(new BigDecimal("0.10"), "GBP").toString()).isEqualTo("0.10 GBP");
    }

    @Test
    void noComparisonOrDifferenceAcrossCurrenciesAndZeroIsNotNegative() {
        // PIT survivors: minus and compareTo without their currency check passed every test.
        Money gbp = Money.parse("10.00", "GBP");
        Money usd = Money.parse("10.00", "USD");
        assertThatThrownBy(() -> gbp.minus(usd)).isInstanceOfSatisfying(MoneyException.class,
                e -> assertThat(e.reason()).isEqualTo(MoneyException.Reason.CURRENCY_MISMATCH));
        assertThatThrownBy(() -> gbp.compareTo(usd)).isInstanceOfSatisfying(MoneyException.class,
                e -> assertThat(e.reason()).isEqualTo(MoneyException.Reason.CURRENCY_MISMATCH));
        Money zero = Money.ofMinor(0, "GBP");
        assertThat(zero.isNegative()).isFalse();
        assertThat(zero.isZero()).isTrue();
        assertThat(gbp.isZero()).isFalse();
        assertThat(zero.requireNonNegative("A balance")).isSameAs(zero);
        assertThat(gbp.compareTo(Money.parse("10.01", "GBP"))).isNegative();
    }

    @ParameterizedTest(name = "pay {0} {1} against {2} GBP → {3}")
    @CsvSource({
            "50.00, GBP, 120.00, OK",
            "120.00, GBP, 120.00, OK",
            "120.01, GBP, 120.00, EXCEEDS_BALANCE",
            "0.00, GBP, 120.00, NOT_POSITIVE",
            "-5.00, GBP, 120.00, NOT_POSITIVE",
            "50.00, EUR, 120.00, CURRENCY_MISMATCH",
    })
    void aFirmRecordedPaymentIsPositiveInTheInvoicesCurrencyAndWithinItsBalance(String amount, String currency,
                                                                                 String balance, String expected) {
        Money payment = Money.parse(amount, currency);
        Money owed = Money.parse(balance, "GBP");
        if ("OK".equals(expected)) {
            assertThat(PaymentAmounts.check(payment, owed)).isEqualTo(payment);
        } else {
            assertThatThrownBy(() -> PaymentAmounts.check(payment, owed)).isInstanceOfSatisfying(MoneyException.class,
                    e -> assertThat(e.reason().name()).isEqualTo(expected));
        }
    }
}
