package io.telepay.gateway.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telepay.shared.Money;
import org.junit.jupiter.api.Test;

class StripeAmountsTest {

    @Test
    void twoDecimalCurrenciesGoInCentsTwdIncluded() {
        assertThat(StripeAmounts.toStripe(Money.of("19.99", "USD"))).isEqualTo(1999);
        assertThat(StripeAmounts.toStripe(Money.of("1280.00", "TWD"))).isEqualTo(128000);
        assertThat(StripeAmounts.toStripe(Money.of("1280.50", "TWD"))).isEqualTo(128050);
        assertThat(StripeAmounts.currency(Money.of("1280.00", "TWD"))).isEqualTo("twd");
    }

    @Test
    void zeroDecimalCurrenciesGoInWholeUnits() {
        assertThat(StripeAmounts.toStripe(Money.of("1280", "JPY"))).isEqualTo(1280);
        assertThat(StripeAmounts.toStripe(Money.of("50000", "KRW"))).isEqualTo(50000);
    }

    @Test
    void iskIsSentWithTwoDecimalsButOnlyWhole() {
        assertThat(StripeAmounts.toStripe(Money.of("500", "ISK"))).isEqualTo(50000);
    }

    @Test
    void threeDecimalCurrenciesMustEndInZero() {
        assertThat(StripeAmounts.toStripe(Money.of("5.120", "KWD"))).isEqualTo(5120);
        assertThatThrownBy(() -> StripeAmounts.toStripe(Money.of("5.125", "KWD")))
                .isInstanceOf(StripeAmounts.UnchargeableAmount.class).hasMessageContaining("0.010");
    }

    @Test
    void aFractionOfAZeroDecimalCurrencyByIsoIsRefusedNotRounded() {
        // MGA has two decimals in ISO 4217 but none at Stripe
        assertThatThrownBy(() -> StripeAmounts.toStripe(Money.of("100.50", "MGA"))).isInstanceOf(StripeAmounts.UnchargeableAmount.class);
        assertThat(StripeAmounts.toStripe(Money.of("100.00", "MGA"))).isEqualTo(100);
    }

    @Test
    void readsStripesAmountsBack() {
        assertThat(StripeAmounts.fromStripe(128000, "twd")).isEqualTo(Money.of("1280.00", "TWD"));
        assertThat(StripeAmounts.fromStripe(1280, "jpy")).isEqualTo(Money.of("1280", "JPY"));
        assertThat(StripeAmounts.fromStripe(1999, "usd")).isEqualTo(Money.of("19.99", "USD"));
        assertThat(StripeAmounts.fromStripe(-30000, "twd")).isEqualTo(Money.of("-300.00", "TWD"));
    }
}
