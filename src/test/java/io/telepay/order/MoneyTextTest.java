package io.telepay.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.telepay.shared.Money;
import org.junit.jupiter.api.Test;

class MoneyTextTest {

    @Test
    void eachLanguageReadsItsOwnCurrencyAsPeopleSayIt() {
        assertThat(MoneyText.format(Money.of("1999.00", "TWD"), ReadBackLanguage.ZH_TW)).isEqualTo("NT$1,999");
        assertThat(MoneyText.format(Money.of("1999.00", "CNY"), ReadBackLanguage.ZH_CN)).isEqualTo("¥1,999.00");
        assertThat(MoneyText.format(Money.of("19.99", "USD"), ReadBackLanguage.EN)).isEqualTo("US$19.99");
    }

    @Test
    void theSymbolTellsWhichDollarOrYuanInEveryLanguage() {
        assertThat(MoneyText.format(Money.of("1999", "TWD"), ReadBackLanguage.EN)).isEqualTo("NT$1,999");
        assertThat(MoneyText.format(Money.of("19.99", "USD"), ReadBackLanguage.ZH_TW)).isEqualTo("US$19.99");
        assertThat(MoneyText.format(Money.of("2388", "CNY"), ReadBackLanguage.ZH_TW)).isEqualTo("CN¥2,388.00");
        assertThat(MoneyText.format(Money.of("2388", "CNY"), ReadBackLanguage.EN)).isEqualTo("CN¥2,388.00");
    }

    @Test
    void taiwanDollarsKeepCentsOnlyWhenThereAreAny() {
        assertThat(MoneyText.format(Money.of("1999.50", "TWD"), ReadBackLanguage.ZH_TW)).isEqualTo("NT$1,999.50");
        assertThat(MoneyText.format(Money.of("0.05", "TWD"), ReadBackLanguage.ZH_TW)).isEqualTo("NT$0.05");
    }

    @Test
    void groupsThousandsExactlyForLargeAmountsAndCurrenciesWithoutMinorUnits() {
        assertThat(MoneyText.format(Money.of("1234567890123.45", "USD"), ReadBackLanguage.EN)).isEqualTo("US$1,234,567,890,123.45");
        assertThat(MoneyText.format(Money.of("1500", "JPY"), ReadBackLanguage.EN)).isEqualTo("JP¥1,500");
        assertThat(MoneyText.format(Money.of("100", "TWD"), ReadBackLanguage.EN)).isEqualTo("NT$100");
        assertThat(MoneyText.format(Money.of("12.3", "EUR"), ReadBackLanguage.EN)).isEqualTo("€12.30");
        assertThat(MoneyText.format(Money.of("5", "KRW"), ReadBackLanguage.EN)).isEqualTo("KRW 5");
    }
}
