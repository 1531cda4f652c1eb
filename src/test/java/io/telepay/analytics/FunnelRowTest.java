package io.telepay.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.telepay.shared.Money;
import org.junit.jupiter.api.Test;

class FunnelRowTest {

    private static FunnelRow row(List<Money> paid, List<Money> refunded, List<Money> chargedBack) {
        return new FunnelRow("usr_1", "志明", 3, 2, 300, 2, 2, 2, 0, 1, 1, 0, paid, paid, refunded, chargedBack,
                null, null, null, List.of());
    }

    @Test
    void netIsPaidLessRefundedAndChargedBackInEachCurrencyNeverAcrossThem() {
        FunnelRow row = row(List.of(Money.of("1000", "TWD"), Money.of("500", "JPY")),
                List.of(Money.of("200", "TWD")), List.of(Money.of("500", "JPY")));

        assertThat(row.netAmounts()).containsExactly(Money.of("800", "TWD"), Money.of("0", "JPY"));
    }

    @Test
    void aRefundInACurrencyWithNothingPaidInThePeriodShowsAsMoneyGoneOut() {
        FunnelRow row = row(List.of(Money.of("1000", "TWD")), List.of(Money.of("20.50", "USD")), List.of());

        assertThat(row.netAmounts()).containsExactly(Money.of("1000", "TWD"), Money.of("-20.50", "USD"));
    }
}
