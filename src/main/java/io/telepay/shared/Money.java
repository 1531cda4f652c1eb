package io.telepay.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An amount in one currency, held exactly with the currency's minor-unit digits (JPY 0, TWD 2).
 * An amount with more decimals than its currency allows is refused, never rounded.
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        int digits = minorDigits(currency);
        if (amount.stripTrailingZeros().scale() > digits) {
            throw new IllegalArgumentException(
                    currency.getCurrencyCode() + " amounts have " + digits + " decimal places at most");
        }
        amount = amount.setScale(digits, RoundingMode.UNNECESSARY);
    }

    public static Money of(String amount, String currency) {
        return new Money(new BigDecimal(amount), currency(currency));
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    /** JSON form {@code {"amount": "199.00", "currency": "TWD"}}; a JSON number is refused (floats lose cents). */
    @JsonCreator
    static Money fromJson(@JsonProperty("amount") Object amount, @JsonProperty("currency") String currency) {
        if (amount == null) {
            throw new InvalidInput("amount", "is required");
        }
        if (!(amount instanceof String text)) {
            throw new InvalidInput("amount", "must be a decimal string such as \"199.00\", not a JSON number");
        }
        if (currency == null || currency.isBlank()) {
            throw new InvalidInput("currency", "is required");
        }
        Currency parsedCurrency;
        try {
            parsedCurrency = currency(currency);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("currency", e.getMessage());
        }
        if (!text.matches("-?\\d{1,15}(\\.\\d{1,4})?")) {
            throw new InvalidInput("amount", "must be a decimal string such as \"199.00\"");
        }
        try {
            return new Money(new BigDecimal(text), parsedCurrency);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("amount", e.getMessage());
        }
    }

    public static Currency currency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code such as TWD");
        }
        try {
            Currency currency = Currency.getInstance(code);
            if (currency.getDefaultFractionDigits() < 0) {
                throw new IllegalArgumentException(code + " is not a currency Telepay can charge");
            }
            return currency;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown currency " + code);
        }
    }

    private static int minorDigits(Currency currency) {
        return Math.max(currency.getDefaultFractionDigits(), 0);
    }

    @JsonValue
    Json toJson() {
        return new Json(amount.toPlainString(), currency.getCurrencyCode());
    }

    record Json(String amount, String currency) {
    }

    public String currencyCode() {
        return currency.getCurrencyCode();
    }

    /** The amount in minor units (cents), exact. */
    public long minorUnits() {
        return amount.movePointRight(minorDigits(currency)).longValueExact();
    }

    public static Money ofMinor(long minorUnits, Currency currency) {
        return new Money(BigDecimal.valueOf(minorUnits).movePointLeft(minorDigits(currency)), currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    public Money times(long factor) {
        return new Money(amount.multiply(BigDecimal.valueOf(factor)), currency);
    }

    public Money negate() {
        return new Money(amount.negate(), currency);
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return amount.compareTo(other.amount);
    }

    public boolean isGreaterThan(Money other) {
        return compareTo(other) > 0;
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException(
                    "cannot combine " + currency.getCurrencyCode() + " with " + other.currency.getCurrencyCode());
        }
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }
}
