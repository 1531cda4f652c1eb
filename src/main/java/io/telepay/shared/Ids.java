package io.telepay.shared;

import java.security.SecureRandom;

/**
 * Opaque ids with a type prefix ({@code cus_}, {@code ord_} …): 128 random bits in lower-case
 * base32, so they are unguessable and never reveal counts or order.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private Ids() {
    }

    public static String next(String prefix) {
        return prefix + randomToken(16);
    }

    /** {@code bytes} random bytes as lower-case base32 without padding. */
    public static String randomToken(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return base32(random);
    }

    /** RFC 4648 base32, lower-case, without padding. */
    public static String base32(byte[] random) {
        int bytes = random.length;
        StringBuilder out = new StringBuilder((bytes * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : random) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }

    /** Decodes RFC 4648 base32 in either case, ignoring padding and spaces. */
    public static byte[] fromBase32(String text) {
        String clean = text.replace("=", "").replace(" ", "").toLowerCase(java.util.Locale.ROOT);
        byte[] out = new byte[clean.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int index = 0;
        for (char c : clean.toCharArray()) {
            int value = new String(ALPHABET).indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("not base32");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out[index++] = (byte) (buffer >> (bits - 8));
                bits -= 8;
            }
        }
        return out;
    }
}
