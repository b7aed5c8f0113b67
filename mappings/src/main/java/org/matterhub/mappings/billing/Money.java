package org.matterhub.mappings.billing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;

/**
 * An amount of money: a whole number of the currency's minor units (pence, cents; none for JPY) and an explicit ISO
 * 4217 currency. Never floating point. Arithmetic refuses to mix currencies and to overflow; parsing refuses more
 * decimals than the currency has instead of rounding them away.
 *
 * @param minorUnits the amount in minor units; may be negative (a credit), see {@link #requireNonNegative}
 * @param currency   ISO 4217
 */
public record Money(long minorUnits, Currency currency) implements Comparable<Money> {

    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (currency.getDefaultFractionDigits() < 0) {
            throw new MoneyException(MoneyException.Reason.UNKNOWN_CURRENCY, currency.getCurrencyCode()
                    + " is not a currency an invoice can be in.");
        }
    }

    /** The currency for a code, e.g. {@code GBP}; case-insensitive. */
    public static Currency currency(String code) {
        if (code == null || code.isBlank()) {
            throw new MoneyException(MoneyException.Reason.UNKNOWN_CURRENCY, "A currency code is required (ISO 4217, e.g. GBP).");
        }
        try {
            Currency c = Currency.getInstance(code.strip().toUpperCase(Locale.ROOT));
            if (c.getDefaultFractionDigits() < 0) {
                throw new IllegalArgumentException(code);
            }
            return c;
        } catch (IllegalArgumentException e) {
            throw new MoneyException(MoneyException.Reason.UNKNOWN_CURRENCY, "'" + code.strip() + "' is not an ISO 4217 currency code.");
        }
    }

    public static Money ofMinor(long minorUnits, String currencyCode) {
        return new Money(minorUnits, currency(currencyCode));
    }

    /**
     * An amount as accounting systems and people write it ({@code 1250.50} GBP). More decimals than the currency has
     * ({@code 10.005} GBP) and amounts beyond the range of minor units are refused, never rounded or wrapped.
     */
    public static Money of(BigDecimal amount, String currencyCode) {
        Objects.requireNonNull(amount, "amount");
        Currency c = currency(currencyCode);
        int digits = c.getDefaultFractionDigits();
        BigDecimal stripped = amount.stripTrailingZeros();
        if (stripped.scale() > digits) {
            throw new MoneyException(MoneyException.Reason.TOO_PRECISE, amount.toPlainString() + " " + c.getCurrencyCode()
                    + " has more than the " + digits + " decimal places " + c.getCurrencyCode() + " has.");
        }
        BigInteger minor = amount.movePointRight(digits).toBigIntegerExact();
        if (minor.compareTo(MAX) > 0 || minor.compareTo(MIN) < 0) {
            throw new MoneyException(MoneyException.Reason.OVERFLOW, amount.toPlainString() + " " + c.getCurrencyCode()
                    + " is beyond the largest amount the hub records.");
        }
        return new Money(minor.longValueExact(), c);
    }

    /** Parses a decimal string such as {@code "1250.50"}; a string that is no number is refused. */
    public static Money parse(String amount, String currencyCode) {
        if (amount == null || !amount.strip().matches("[-+]?[0-9]+(\\.[0-9]+)?")) {
            throw new MoneyException(MoneyException.Reason.MALFORMED, "'" + amount + "' is not an amount: write digits with "
                    + "an optional decimal point, e.g. 1250.50.");
        }
        return of(new BigDecimal(amount.strip()), currencyCode);
    }

    /** The amount as a decimal with the currency's places, e.g. {@code 1250.50}. */
    public BigDecimal amount() {
        return BigDecimal.valueOf(minorUnits, currency.getDefaultFractionDigits());
    }

    public Money plus(Money other) {
        sameCurrency(other);
        try {
            return new Money(Math.addExact(minorUnits, other.minorUnits), currency);
        } catch (ArithmeticException e) {
            throw new MoneyException(MoneyException.Reason.OVERFLOW, "The sum is beyond the largest amount the hub records.");
        }
    }

    public Money minus(Money other) {
        sameCurrency(other);
        try {
            return new Money(Math.subtractExact(minorUnits, other.minorUnits), currency);
        } catch (ArithmeticException e) {
            throw new MoneyException(MoneyException.Reason.OVERFLOW, "The difference is beyond the largest amount the hub records.");
        }
    }

    public boolean isNegative() {
        return minorUnits < 0;
    }

    public boolean isZero() {
        return minorUnits == 0;
    }

    /** This amount, or a {@link MoneyException} when it is negative. */
    public Money requireNonNegative(String what) {
        if (minorUnits < 0) {
            throw new MoneyException(MoneyException.Reason.NEGATIVE, what + " cannot be negative (" + this + ").");
        }
        return this;
    }

    @Override
    public int compareTo(Money o) {
        sameCurrency(o);
        return Long.compare(minorUnits, o.minorUnits);
    }

    private void sameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new MoneyException(MoneyException.Reason.CURRENCY_MISMATCH, "Cannot combine " + this + " with " + other
                    + ": the currencies differ.");
        }
    }

    @Override
    public String toString() {
        return amount().toPlainString() + " " + currency.getCurrencyCode();
    }
}
