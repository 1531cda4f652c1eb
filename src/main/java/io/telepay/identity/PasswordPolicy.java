package io.telepay.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * Passwords of 12 to 128 characters that are not among the ~49,000 most common passwords (the
 * zxcvbn list, MIT), not a common password with digits or symbols appended, not the username and
 * not a single repeated character. Length over composition rules, as NIST SP 800-63B advises.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;

    private final Set<String> common;

    PasswordPolicy() {
        this.common = load();
    }

    /** The reason the password is refused, or null when it is acceptable. */
    public String problem(String password, String username) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "must be at least " + MIN_LENGTH + " characters";
        }
        if (password.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null && lower.contains(username.toLowerCase(Locale.ROOT))) {
            return "must not contain the username";
        }
        if (lower.chars().allMatch(Character::isDigit)) {
            return "must not be digits only";
        }
        if (lower.chars().distinct().count() <= 2) {
            return "is too repetitive";
        }
        String base = lower.replaceAll("[^\\p{L}]+$", "").replaceAll("^[^\\p{L}]+", "");
        if (common.contains(lower) || (base.length() >= 4 && common.contains(base))) {
            return "is too common; choose a longer passphrase";
        }
        return null;
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>(64_000);
        try (var in = PasswordPolicy.class.getResourceAsStream("/identity/common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("common-passwords.txt missing from the build");
            }
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(s -> !s.isEmpty()).forEach(words::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return words;
    }
}
