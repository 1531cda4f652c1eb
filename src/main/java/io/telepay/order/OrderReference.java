package io.telepay.order;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * The order's short reference, for a person to read over the phone or type from a receipt: 8 characters from
 * 29 that cannot be mistaken for one another when spoken or written (no 0/O, 1/I/L, nor U/V), shown in two
 * groups of four ({@code K7M2 QX9P}). Random, so it reveals nothing about counts; unique by the table's index.
 */
public final class OrderReference {

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ";
    static final int LENGTH = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private OrderReference() {
    }

    static String next() {
        char[] out = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            out[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return new String(out);
    }

    /** {@code K7M2QX9P} → {@code K7M2 QX9P}; null stays null. */
    public static String display(String reference) {
        return reference == null ? null : reference.substring(0, 4) + " " + reference.substring(4);
    }

    /** The reference in what a person typed (any case, spaces or dashes between); empty when it cannot be one. */
    public static Optional<String> parse(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String clean = typed.strip().replaceAll("[\\s\\-]", "").toUpperCase(Locale.ROOT);
        if (clean.length() != LENGTH) {
            return Optional.empty();
        }
        for (char c : clean.toCharArray()) {
            if (ALPHABET.indexOf(c) < 0) {
                return Optional.empty();
            }
        }
        return Optional.of(clean);
    }
}
