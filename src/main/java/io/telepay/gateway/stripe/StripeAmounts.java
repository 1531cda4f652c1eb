package io.telepay.gateway.stripe;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

import io.telepay.shared.Money;

/**
 * Amounts as Stripe's API writes them: an integer in the currency's smallest unit by Stripe's rules,
 * which are not always ISO 4217's. Zero-decimal currencies (JPY, KRW, VND, …) are whole units; ISK is
 * sent with two decimals but must be whole; three-decimal currencies (KWD, BHD, …) must end in 0; every
 * other currency has two decimals — TWD and HUF included, which Stripe charges with cents and pays out
 * in whole units only. An amount Stripe cannot take is refused here, never rounded.
 */
final class StripeAmounts {

    static final Set<String> ZERO_DECIMAL = Set.of("BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX",
            "VND", "VUV", "XAF", "XOF", "XPF");
    static final Set<String> THREE_DECIMAL = Set.of("BHD", "JOD", "KWD", "OMR", "TND");
    /** Sent with two decimals for compatibility, but charged only in whole units. */
    static final Set<String> WHOLE_WITH_TWO_DECIMALS = Set.of("ISK");

    private StripeAmounts() {
    }

    /**
     * The amount Stripe's API takes for this money.
     *
     * @throws UnchargeableAmount when Stripe cannot charge the amount in its currency (a fraction of a yen, 5.125 KWD)
     */
    static long toStripe(Money money) {
        String currency = money.currencyCode();
        BigDecimal amount = money.amount();
        if (ZERO_DECIMAL.contains(currency)) {
            return exact(amount, 0, money);
        }
        if (WHOLE_WITH_TWO_DECIMALS.contains(currency)) {
            return exact(amount, 0, money) * 100;
        }
        if (THREE_DECIMAL.contains(currency)) {
            long minor = exact(amount, 3, money);
            if (minor % 10 != 0) {
                throw new UnchargeableAmount(money + ": Stripe takes " + currency + " amounts in steps of 0.010");
            }
            return minor;
        }
        return exact(amount, 2, money);
    }

    /** Money from an amount in Stripe's units and its lower-case currency code. */
    static Money fromStripe(long amount, String stripeCurrency) {
        String currency = stripeCurrency.toUpperCase(Locale.ROOT);
        int digits = ZERO_DECIMAL.contains(currency) ? 0 : THREE_DECIMAL.contains(currency) ? 3 : 2;
        return new Money(BigDecimal.valueOf(amount).movePointLeft(digits), Money.currency(currency));
    }

    /** The currency as Stripe's API writes it. */
    static String currency(Money money) {
        return money.currencyCode().toLowerCase(Locale.ROOT);
    }

    private static long exact(BigDecimal amount, int digits, Money money) {
        try {
            return amount.movePointRight(digits).longValueExact();
        } catch (ArithmeticException e) {
            throw new UnchargeableAmount(money + ": Stripe takes " + money.currencyCode() + " amounts with at most " + digits
                    + " decimals");
        }
    }

    /** An amount Stripe's rules for its currency do not allow. */
    static final class UnchargeableAmount extends IllegalArgumentException {
        UnchargeableAmount(String message) {
            super(message);
        }
    }
}
