package io.telepay.vault;

import java.util.Optional;

/**
 * The card brands Telepay accepts, each with its issuer identification number (IIN) ranges, lengths,
 * check-digit rule and CVC length.
 */
public enum CardBrand {

    VISA("Visa", 13, 19, 3, true) {
        @Override
        boolean acceptsLength(int length) {
            return length == 13 || length == 16 || length == 19;
        }

        @Override
        String lengthRule() {
            return "13, 16 or 19 digits";
        }
    },
    MASTERCARD("Mastercard", 16, 16, 3, true),
    AMEX("American Express", 15, 15, 4, true),
    // some UnionPay cards in circulation carry no valid Luhn check digit: refusing them would refuse real customers
    UNIONPAY("UnionPay", 16, 19, 3, false),
    JCB("JCB", 16, 19, 3, true),
    DISCOVER("Discover", 16, 19, 3, true),
    DINERS("Diners Club", 14, 19, 3, true);

    private final String displayName;
    private final int minLength;
    private final int maxLength;
    private final int cvcLength;
    private final boolean luhnChecked;

    CardBrand(String displayName, int minLength, int maxLength, int cvcLength, boolean luhnChecked) {
        this.displayName = displayName;
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.cvcLength = cvcLength;
        this.luhnChecked = luhnChecked;
    }

    /** How people write the brand, e.g. {@code American Express}. */
    public String displayName() {
        return displayName;
    }

    /** Digits of the card verification code: 4 for American Express, 3 for the others. */
    public int cvcLength() {
        return cvcLength;
    }

    /** Whether the last digit must be a Luhn check digit (every brand but UnionPay). */
    public boolean luhnChecked() {
        return luhnChecked;
    }

    boolean acceptsLength(int length) {
        return length >= minLength && length <= maxLength;
    }

    String lengthRule() {
        return minLength == maxLength ? minLength + " digits" : minLength + " to " + maxLength + " digits";
    }

    /**
     * The brand whose IIN ranges hold the number's leading digits; empty for a brand Telepay does not
     * accept. Needs at least the first 6 digits to tell every range apart.
     */
    static Optional<CardBrand> detect(String digits) {
        if (digits.length() < 6) {
            return Optional.empty();
        }
        int two = Integer.parseInt(digits, 0, 2, 10);
        int three = Integer.parseInt(digits, 0, 3, 10);
        int four = Integer.parseInt(digits, 0, 4, 10);
        CardBrand brand = null;
        if (digits.charAt(0) == '4') {
            brand = VISA;
        } else if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
            brand = MASTERCARD;
        } else if (two == 34 || two == 37) {
            brand = AMEX;
        } else if (two == 62) {
            // includes 622126-622925, which Discover also routes: issued by UnionPay members, so UnionPay rules apply
            brand = UNIONPAY;
        } else if (four >= 3528 && four <= 3589) {
            brand = JCB;
        } else if (four == 6011 || (three >= 644 && three <= 649) || two == 65) {
            brand = DISCOVER;
        } else if (two == 36 || two == 38 || (three >= 300 && three <= 305)) {
            brand = DINERS;
        }
        return Optional.ofNullable(brand);
    }
}
