package io.telepay.shared;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds card-number-like digit runs in free text: 13 to 19 digits, optionally grouped by single
 * spaces or dashes, that pass the Luhn check. Used as a safety net on every log line and, in the
 * call module, to redact notes. Works on text only; it never sees where the text goes.
 */
public final class CardNumbers {

    private CardNumbers() {
    }

    /** A found run: {@code start} inclusive, {@code end} exclusive, in the original text. */
    public record Span(int start, int end) {
    }

    /** The text with every card-number-like run masked to its last four digits; the same text if none. */
    public static String mask(String text) {
        if (text == null || !mayContain(text)) {
            return text;
        }
        List<Span> spans = find(text);
        if (spans.isEmpty()) {
            return text;
        }
        char[] chars = text.toCharArray();
        for (Span span : spans) {
            int digitsLeft = countDigits(chars, span.start(), span.end());
            for (int i = span.start(); i < span.end(); i++) {
                if (digitValue(chars[i]) >= 0) {
                    if (digitsLeft > 4) {
                        chars[i] = '*';
                    }
                    digitsLeft--;
                }
            }
        }
        return new String(chars);
    }

    public static boolean contains(String text) {
        return text != null && mayContain(text) && !find(text).isEmpty();
    }

    /** The card-number-like runs in the text, left to right, not overlapping. */
    public static List<Span> find(String text) {
        List<int[]> groups = digitGroups(text);
        List<Span> found = new ArrayList<>();
        int i = 0;
        while (i < groups.size()) {
            int matchedEnd = -1;
            int digits = 0;
            for (int j = i; j < groups.size() && (j == i || adjacent(text, groups.get(j - 1), groups.get(j))); j++) {
                digits += groups.get(j)[1] - groups.get(j)[0];
                if (digits > 19) {
                    break;
                }
                if (digits >= 13 && luhn(text, groups.get(i)[0], groups.get(j)[1])) {
                    matchedEnd = j;
                }
            }
            if (matchedEnd >= 0) {
                found.add(new Span(groups.get(i)[0], groups.get(matchedEnd)[1]));
                i = matchedEnd + 1;
            } else {
                i++;
            }
        }
        return found;
    }

    /** Whether the digits alone (no separators) pass the Luhn check. */
    public static boolean luhn(CharSequence digits) {
        return luhn(digits, 0, digits.length());
    }

    private static boolean luhn(CharSequence text, int start, int end) {
        int sum = 0;
        boolean doubled = false;
        for (int i = end - 1; i >= start; i--) {
            int d = digitValue(text.charAt(i));
            if (d < 0) {
                continue;
            }
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    private static boolean mayContain(String text) {
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (digitValue(c) >= 0) {
                if (++run >= 13) {
                    return true;
                }
            } else if (c != ' ' && c != '-' && c != '\u3000') {
                run = 0;
            }
        }
        return false;
    }

    private static List<int[]> digitGroups(String text) {
        List<int[]> groups = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (digitValue(text.charAt(i)) >= 0) {
                int start = i;
                while (i < text.length() && digitValue(text.charAt(i)) >= 0) {
                    i++;
                }
                groups.add(new int[] {start, i});
            } else {
                i++;
            }
        }
        return groups;
    }

    private static boolean adjacent(String text, int[] previous, int[] next) {
        char between = text.charAt(previous[1]);
        return next[0] - previous[1] == 1 && (between == ' ' || between == '-' || between == '\u3000');
    }

    private static int countDigits(char[] chars, int start, int end) {
        int n = 0;
        for (int i = start; i < end; i++) {
            if (digitValue(chars[i]) >= 0) {
                n++;
            }
        }
        return n;
    }

    /** ASCII and full-width digits (Chinese input methods type the latter), else -1. */
    private static int digitValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= '\uFF10' && c <= '\uFF19') {
            return c - '\uFF10';
        }
        return -1;
    }
}
