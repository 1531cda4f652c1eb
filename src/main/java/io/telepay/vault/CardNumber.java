package io.telepay.vault;

import com.fasterxml.jackson.annotation.JsonValue;
import io.telepay.shared.CardNumbers;
import io.telepay.shared.InvalidInput;

/**
 * A validated primary account number (PAN). It masks itself: {@link #toString()} and its JSON form
 * are {@code 424242******4242}, and no message of any exception raised here holds a digit of it.
 * Only the vault's cipher and the gateway adapter read the {@link #digits()}.
 */
public final class CardNumber {

    static final String FIELD = "cardNumber";

    private final String digits;
    private final CardBrand brand;

    private CardNumber(String digits, CardBrand brand) {
        this.digits = digits;
        this.brand = brand;
    }

    /**
     * Parses a number as a customer types it: ASCII or full-width digits, grouped by spaces or dashes.
     *
     * @throws InvalidInput on field {@code cardNumber}, naming the rule broken but never the number
     */
    public static CardNumber parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw invalid("is required");
        }
        String digits = digitsOnly(raw);
        if (digits == null) {
            throw invalid("must contain only digits, spaces or dashes");
        }
        if (digits.length() < 13 || digits.length() > 19) {
            throw invalid("must have 13 to 19 digits");
        }
        CardBrand brand = CardBrand.detect(digits).orElseThrow(() -> invalid("is not from a card brand we accept"));
        if (!brand.acceptsLength(digits.length())) {
            throw invalid("must have " + brand.lengthRule() + " for " + brand.displayName());
        }
        if (brand.luhnChecked() && !CardNumbers.luhn(digits)) {
            throw invalid("is not a valid card number (check digit)");
        }
        return new CardNumber(digits, brand);
    }

    /** The full number, digits only. Never log, store or show it: the vault encrypts it, the gateway sends it. */
    public String digits() {
        return digits;
    }

    public CardBrand brand() {
        return brand;
    }

    /** The first 6 digits: the issuer's identification number. */
    public String bin() {
        return digits.substring(0, 6);
    }

    public String last4() {
        return digits.substring(digits.length() - 4);
    }

    public int length() {
        return digits.length();
    }

    /** BIN, one star per hidden digit, last 4: {@code 424242******4242}. */
    @JsonValue
    @Override
    public String toString() {
        return bin() + "*".repeat(digits.length() - 10) + last4();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CardNumber that && digits.equals(that.digits);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }

    /** The digits without separators (full-width digits made ASCII), or null if another character is present. */
    private static String digitsOnly(String raw) {
        StringBuilder digits = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c >= '\uFF10' && c <= '\uFF19') {
                // Chinese input methods type full-width digits
                digits.append((char) ('0' + (c - '\uFF10')));
            } else if (c != ' ' && c != '-' && c != '\u3000') {
                return null;
            }
        }
        return digits.toString();
    }

    private static InvalidInput invalid(String message) {
        return new InvalidInput(FIELD, message);
    }
}
