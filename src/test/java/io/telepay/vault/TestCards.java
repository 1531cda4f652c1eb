package io.telepay.vault;

import java.security.SecureRandom;

import io.telepay.shared.CardNumbers;

/** Card numbers for tests: valid per brand, random so that a stray copy can be found only where it leaked. */
public final class TestCards {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static final String VISA = "4242424242424242";
    public static final String MASTERCARD = "5555555555554444";
    public static final String UNIONPAY = "6200000000000005";
    public static final String AMEX = "378282246310005";

    private TestCards() {
    }

    /** A Luhn-valid number of the length starting with the prefix; random digits between. */
    public static String luhnValid(String prefix, int length) {
        StringBuilder digits = new StringBuilder(prefix);
        while (digits.length() < length - 1) {
            digits.append(RANDOM.nextInt(10));
        }
        for (int check = 0; check < 10; check++) {
            if (CardNumbers.luhn(digits.toString() + check)) {
                return digits.append(check).toString();
            }
        }
        throw new AssertionError("unreachable: one check digit always fits");
    }

    /** A number of the length starting with the prefix whose Luhn check fails. */
    public static String luhnInvalid(String prefix, int length) {
        String valid = luhnValid(prefix, length);
        int last = valid.charAt(length - 1) - '0';
        return valid.substring(0, length - 1) + ((last + 1) % 10);
    }

    public static CardNumber card(String digits) {
        return CardNumber.parse(digits);
    }

    /** An expiry two years after the clock's month, so that tests on the system clock keep passing. */
    public static Expiry futureExpiry(java.time.Clock clock) {
        java.time.YearMonth month = java.time.YearMonth.now(clock).plusYears(2);
        return new Expiry(month.getMonthValue(), month.getYear());
    }
}
