package io.telepay.shared;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Money as people in Taiwan, mainland China and English-speaking markets read it: NT$1,999,
 * ¥1,999.00, US$19.99. Whole New Taiwan dollars drop the cents, as prices there are written. Templates
 * use it as {@code ${@money.format(amount)}}.
 */
@Component("money")
public class MoneyFormat {

    private static final Map<String, String> SYMBOLS = Map.of(
            "TWD", "NT$", "CNY", "¥", "USD", "US$", "JPY", "JP¥", "HKD", "HK$", "EUR", "€", "GBP", "£", "SGD", "S$");

    public String format(Money money) {
        return money == null ? "" : text(money);
    }

    public static String text(Money money) {
        String code = money.currencyCode();
        BigDecimal amount = money.amount();
        int digits = amount.scale();
        if (code.equals("TWD") && amount.stripTrailingZeros().scale() <= 0) {
            digits = 0;
        }
        DecimalFormat format = new DecimalFormat(digits == 0 ? "#,##0" : "#,##0." + "0".repeat(digits),
                DecimalFormatSymbols.getInstance(Locale.ROOT));
        String number = format.format(amount.abs());
        String symbol = SYMBOLS.getOrDefault(code, code + " ");
        return (amount.signum() < 0 ? "-" : "") + symbol + number;
    }
}
