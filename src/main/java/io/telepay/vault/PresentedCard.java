package io.telepay.vault;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import io.telepay.shared.Checks;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.TelepayProblem.FieldError;

/**
 * A card as the customer presented it for one payment: number, expiry, CVC and the name on the card.
 * It exists in memory only, from the pay page or keypad until the gateway answers; the vault keeps
 * the number (encrypted) and never the CVC. {@link #toString()} masks every part.
 *
 * @param holderName the name on the card, or null
 */
public record PresentedCard(CardNumber number, Expiry expiry, Cvc cvc, String holderName) {

    static final int HOLDER_NAME_MAX = 100;

    public PresentedCard {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(cvc, "cvc");
        holderName = holderName == null || holderName.isBlank() ? null : holderName.strip();
    }

    /**
     * Parses what the customer entered and checks the card can be charged now, reporting every field
     * at fault at once ({@code cardNumber}, {@code expiry}, {@code cvc}, {@code holderName}).
     *
     * @param holderName optional
     * @throws InvalidInput with one error per field at fault; no message carries a digit of the card
     */
    public static PresentedCard parse(String cardNumber, String expiry, String cvc, String holderName, Clock clock) {
        List<FieldError> errors = new ArrayList<>();
        CardNumber number = attempt(() -> CardNumber.parse(cardNumber), errors);
        Expiry expiryMonth = attempt(() -> Expiry.parse(expiry, clock), errors);
        Cvc code = number != null
                ? attempt(() -> Cvc.parse(cvc, number.brand()), errors)
                : attempt(() -> {
                    Cvc.checkForm(cvc);
                    return null;
                }, errors);
        Checks holder = Checks.start().optionalText("holderName", holderName, HOLDER_NAME_MAX);
        try {
            holder.orThrow();
        } catch (InvalidInput e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return new PresentedCard(number, expiryMonth, code, holderName);
    }

    @Override
    public String toString() {
        return "PresentedCard[" + number.brand() + " " + number + ", expiry " + expiry + ", cvc " + cvc
                + (holderName == null ? "" : ", holder given") + "]";
    }

    private static <T> T attempt(Supplier<T> parse, List<FieldError> errors) {
        try {
            return parse.get();
        } catch (InvalidInput e) {
            errors.addAll(e.errors());
            return null;
        }
    }
}
