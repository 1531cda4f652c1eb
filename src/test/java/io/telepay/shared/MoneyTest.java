package io.telepay.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void keepsTheCurrencysMinorDigits() {
        assertThat(Money.of("199", "TWD").amount()).isEqualByComparingTo("199.00");
        assertThat(Money.of("199", "TWD").amount().scale()).isEqualTo(2);
        assertThat(Money.of("1999", "JPY").amount().scale()).isZero();
    }

    @Test
    void refusesMoreDecimalsThanTheCurrencyHas() {
        assertThatThrownBy(() -> Money.of("10.5", "JPY")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JPY");
        assertThatThrownBy(() -> Money.of("1.999", "TWD")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsTrailingZerosBeyondTheMinorDigits() {
        assertThat(Money.of("100.000", "JPY")).isEqualTo(Money.of("100", "JPY"));
    }

    @Test
    void refusesUnknownCurrencies() {
        assertThatThrownBy(() -> Money.of("1", "XYZ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of("1", "twd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void addsAndComparesWithinOneCurrencyOnly() {
        assertThat(Money.of("0.10", "USD").plus(Money.of("0.20", "USD"))).isEqualTo(Money.of("0.30", "USD"));
        assertThat(Money.of("5", "CNY").times(3)).isEqualTo(Money.of("15.00", "CNY"));
        assertThatThrownBy(() -> Money.of("1", "USD").plus(Money.of("1", "TWD"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void convertsToAndFromMinorUnitsExactly() {
        assertThat(Money.of("1999.99", "TWD").minorUnits()).isEqualTo(199999);
        assertThat(Money.ofMinor(1999, Money.currency("JPY")).amount()).isEqualTo(new BigDecimal("1999"));
    }

    @Test
    void jsonFormRefusesNumbersAndBadStrings() {
        assertThatThrownBy(() -> Money.fromJson(199.99, "TWD")).isInstanceOf(InvalidInput.class).hasMessageContaining("string");
        assertThatThrownBy(() -> Money.fromJson("1e3", "TWD")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> Money.fromJson("10.5", "JPY")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> Money.fromJson("10", "ABC")).isInstanceOf(InvalidInput.class).hasMessageContaining("currency");
        assertThat(Money.fromJson("199.00", "TWD")).isEqualTo(Money.of("199", "TWD"));
    }
}
