package io.telepay.customer;

import java.util.regex.Pattern;

/** E-mail addresses: a plausibility check (delivery is the real test) and the masked form. */
final class Emails {

    private static final Pattern PLAUSIBLE = Pattern.compile("[^@\\s<>\"]{1,64}@[^@\\s<>\"]+\\.[^@\\s<>\".]{2,}");

    private Emails() {
    }

    static boolean valid(String email) {
        return PLAUSIBLE.matcher(email).matches() && !email.contains("..");
    }

    /** {@code chen@example.com.tw} → {@code c***@e***.tw}: enough to recognise, not to write to. */
    static String mask(String email) {
        if (email == null) {
            return null;
        }
        int at = email.indexOf('@');
        int lastDot = email.lastIndexOf('.');
        if (at < 1 || lastDot < at + 2) {
            return "***";
        }
        return email.charAt(0) + "***@" + email.charAt(at + 1) + "***" + email.substring(lastDot);
    }
}
