package io.telepay.order;

import java.math.BigDecimal;

import io.telepay.shared.Money;

/**
 * Amounts as an agent reads them aloud: {@code NT$1,999}, {@code ¥1,999.00}, {@code US$19.99}. The symbol
 * says which dollar or yuan is meant; Taiwan dollars drop the ".00" that nobody says, other currencies
 * keep their minor digits. Exact: formatted from the decimal, never through a double.
 */
final class MoneyText {

    private MoneyText() {
    }

    static String format(Money money, ReadBackLanguage language) {
        BigDecimal amount = money.amount();
        String code = money.currencyCode();
        int digits = amount.scale();
        if (code.equals("TWD") && amount.stripTrailingZeros().scale() <= 0) {
            digits = 0;
        }
        String plain = amount.abs().setScale(digits).toPlainString();
        int point = plain.indexOf('.');
        String whole = point < 0 ? plain : plain.substring(0, point);
        String fraction = point < 0 ? "" : plain.substring(point);
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) {
                grouped.append(',');
            }
            grouped.append(whole.charAt(i));
        }
        return (amount.signum() < 0 ? "-" : "") + symbol(code, language) + grouped + fraction;
    }

    private static String symbol(String code, ReadBackLanguage language) {
        return switch (code) {
            case "TWD" -> "NT$";
            case "USD" -> "US$";
            case "CNY" -> language == ReadBackLanguage.ZH_CN ? "¥" : "CN¥";
            case "JPY" -> "JP¥";
            case "HKD" -> "HK$";
            case "EUR" -> "€";
            case "GBP" -> "£";
            default -> code + " ";
        };
    }
}
