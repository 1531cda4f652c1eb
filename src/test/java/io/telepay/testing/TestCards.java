package io.telepay.testing;

import java.util.concurrent.ThreadLocalRandom;

/** Luhn-valid card numbers of one's own (the sandbox approves any), so risk's per-card counts start at zero. */
public final class TestCards {

    private TestCards() {
    }

    /** A fresh 16-digit Visa-range number the sandbox approves. */
    public static String fresh() {
        StringBuilder digits = new StringBuilder("4");
        // skip the sandbox's special 4000 00… numbers
        digits.append(1 + ThreadLocalRandom.current().nextInt(9));
        while (digits.length() < 15) {
            digits.append(ThreadLocalRandom.current().nextInt(10));
        }
        return digits.append(checkDigit(digits.toString())).toString();
    }

    static int checkDigit(String payload) {
        int sum = 0;
        boolean doubleIt = true;
        for (int i = payload.length() - 1; i >= 0; i--) {
            int d = payload.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return (10 - sum % 10) % 10;
    }
}
