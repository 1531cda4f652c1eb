package io.telepay.vault;

import com.fasterxml.jackson.annotation.JsonValue;
import io.telepay.shared.InvalidInput;

/**
 * The card verification code. It lives in memory only, from the customer's input until the gateway
 * answers: no table, log line or event ever holds it. {@link #toString()} and its JSON form are {@code ***}.
 */
public final class Cvc {

    static final String FIELD = "cvc";

    private final String digits;

    private Cvc(String digits) {
        this.digits = digits;
    }

    /**
     * Parses the code for a card of the brand: 4 digits for American Express, 3 for the others.
     *
     * @throws InvalidInput on field {@code cvc}, never carrying the code
     */
    public static Cvc parse(String raw, CardBrand brand) {
        String digits = digitsOrThrow(raw);
        if (digits.length() != brand.cvcLength()) {
            throw new InvalidInput(FIELD, "must have " + brand.cvcLength() + " digits for " + brand.displayName());
        }
        return new Cvc(digits);
    }

    /** Checks the code's form when the card's brand is unknown (its number was invalid): 3 or 4 digits. */
    static void checkForm(String raw) {
        String digits = digitsOrThrow(raw);
        if (digits.length() < 3 || digits.length() > 4) {
            throw new InvalidInput(FIELD, "must have 3 or 4 digits");
        }
    }

    /** The code itself, for the gateway adapter only. */
    public String digits() {
        return digits;
    }

    @JsonValue
    @Override
    public String toString() {
        return "***";
    }

    private static String digitsOrThrow(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInput(FIELD, "is required");
        }
        String digits = raw.strip();
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                throw new InvalidInput(FIELD, "must contain only digits");
            }
        }
        return digits;
    }
}
