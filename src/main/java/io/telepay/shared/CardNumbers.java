package io.telepay.shared;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds card numbers in free text: 13 to 19 digits that pass the Luhn check, however they were typed.
 * Used as a safety net on every log line and, in the call module, to redact notes. Works on text only;
 * it never sees where the text goes.
 *
 * <p>The digits are read by {@link DigitReading}: ASCII, full-width and other Unicode digits, Chinese
 * numerals and English number words, in groups split by separators of any kind. A number written the
 * plain way — digits grouped by single spaces or dashes — is a card when Luhn-valid, as it always was.
 * One written any other way (dots, slashes, tabs, two spaces, zero-width characters, numerals, words)
 * must also look like a card, which keeps order numbers, dates, amounts and phone numbers out: it begins
 * with an issuer's first digits (2221-2720, 3, 4, 5, 6) and its groups are the ones people read a card
 * in (digit by digit, fours, or 4-6-5).
 */
public final class CardNumbers {

    private static final int MIN_DIGITS = 13;
    private static final int MAX_DIGITS = 19;

    private CardNumbers() {
    }

    /**
     * A found card number: {@code start} inclusive, {@code end} exclusive, in the original text, and how
     * many digits it holds.
     */
    public record Span(int start, int end, int digits) {
    }

    /**
     * The text with every card number masked to its last four digits, each other digit (or numeral, or
     * number word) replaced by {@code *}; the same text if none.
     */
    public static String mask(String text) {
        if (text == null || !DigitReading.hasChainOf(text, MIN_DIGITS)) {
            return text;
        }
        DigitReading reading = DigitReading.of(text);
        List<int[]> found = findDigits(reading);
        if (found.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        for (int[] card : found) {
            for (int d = card[0]; d <= card[1] - 4; d++) {
                out.append(text, copied, reading.start(d)).append('*');
                copied = reading.end(d);
            }
        }
        out.append(text, copied, text.length());
        return out.toString();
    }

    public static boolean contains(String text) {
        return !find(text).isEmpty();
    }

    /** The card numbers in the text, left to right, not overlapping. */
    public static List<Span> find(String text) {
        if (text == null || !DigitReading.hasChainOf(text, MIN_DIGITS)) {
            return List.of();
        }
        DigitReading reading = DigitReading.of(text);
        List<Span> spans = new ArrayList<>();
        for (int[] card : findDigits(reading)) {
            spans.add(new Span(reading.start(card[0]), reading.end(card[1]), card[1] - card[0] + 1));
        }
        return spans;
    }

    /** Whether the digits alone (no separators) pass the Luhn check. */
    public static boolean luhn(CharSequence digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = Character.digit(digits.charAt(i), 10);
            if (d < 0) {
                continue;
            }
            sum += doubled ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    /** Per card found: the indexes of its first and last digit in the reading. */
    private static List<int[]> findDigits(DigitReading reading) {
        int n = reading.size();
        // a group: digits typed together, with nothing between them
        int[] groupFirst = new int[n + 1];
        int groups = 0;
        for (int d = 0; d < n; d++) {
            if (!reading.sameGroup(d)) {
                groupFirst[groups++] = d;
            }
        }
        groupFirst[groups] = n;
        List<int[]> found = new ArrayList<>();
        int g = 0;
        while (g < groups) {
            int matchedEnd = -1;
            int digits = 0;
            for (int h = g; h < groups && (h == g || !reading.startsChain(groupFirst[h])); h++) {
                digits += groupFirst[h + 1] - groupFirst[h];
                if (digits > MAX_DIGITS) {
                    break;
                }
                if (digits >= MIN_DIGITS && isCard(reading, groupFirst, g, h)) {
                    matchedEnd = h;
                }
            }
            if (matchedEnd >= 0) {
                found.add(new int[] {groupFirst[g], groupFirst[matchedEnd + 1] - 1});
                g = matchedEnd + 1;
            } else {
                g++;
            }
        }
        return found;
    }

    private static boolean isCard(DigitReading reading, int[] groupFirst, int firstGroup, int lastGroup) {
        int first = groupFirst[firstGroup];
        int last = groupFirst[lastGroup + 1] - 1;
        if (!luhn(reading, first, last) || gluedToLetters(reading, first, last)) {
            return false;
        }
        if (!cardGrouping(groupFirst, firstGroup, lastGroup) || phoneNumber(reading, first, last)) {
            return false;
        }
        return plain(reading, first, last) || (issuerPrefix(reading, first) && oneKindOfList(reading, first, last));
    }

    /** "+86 142 4198 9326": an international phone number (E.164: at most 15 digits) that happens to pass Luhn. */
    private static boolean phoneNumber(DigitReading reading, int first, int last) {
        int before = reading.start(first) - 1;
        return last - first + 1 <= 15 && before >= 0 && reading.text().charAt(before) == '+';
    }

    /**
     * "2475-9987-9717, 3223 0760 0778" is two numbers in a list: a comma and a space between groups only
     * make one number when they stand between all of them ("4242, 4242, 4242, 4242").
     */
    private static boolean oneKindOfList(DigitReading reading, int first, int last) {
        boolean list = false;
        boolean other = false;
        for (int d = first + 1; d <= last; d++) {
            if (reading.listGapBefore(d)) {
                list = true;
            } else if (!reading.sameGroup(d) && reading.script(d) != DigitReading.Script.WORD) {
                other = true; // words are split anyway: "four-two, four-two" is still one number
            }
        }
        return !(list && other);
    }

    /** "ORD0174254678375570", "1Z999AA10123456784": part of a code, not a card. */
    private static boolean gluedToLetters(DigitReading reading, int first, int last) {
        String text = reading.text();
        int before = reading.start(first) - 1;
        int after = reading.end(last);
        return (before >= 0 && isLatin(text.charAt(before))) || (after < text.length() && isLatin(text.charAt(after)));
    }

    private static boolean isLatin(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean luhn(DigitReading reading, int first, int last) {
        int sum = 0;
        boolean doubled = false;
        for (int d = last; d >= first; d--) {
            int v = reading.value(d);
            sum += doubled ? (v * 2 > 9 ? v * 2 - 9 : v * 2) : v;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    /** Digits (ASCII or full-width) in groups joined by one space, dash or ideographic space: the way it was always matched. */
    private static boolean plain(DigitReading reading, int first, int last) {
        for (int d = first; d <= last; d++) {
            if (reading.script(d) != DigitReading.Script.ASCII) {
                return false;
            }
            if (d > first && (reading.formatBefore(d) || (!reading.sameGroup(d) && !reading.plainGapBefore(d)))) {
                return false;
            }
        }
        return true;
    }

    /** Mastercard 2221-2720, American Express, Diners and JCB (3), Visa (4), Mastercard and Maestro (5), UnionPay and Discover (6). */
    private static boolean issuerPrefix(DigitReading reading, int first) {
        int lead = reading.value(first);
        if (lead >= 3 && lead <= 6) {
            return true;
        }
        if (lead != 2) {
            return false;
        }
        int four = 0;
        for (int d = first; d < first + 4; d++) {
            four = four * 10 + reading.value(d);
        }
        return four >= 2221 && four <= 2720;
    }

    /** Groups as a card is read out or written: digit by digit, in fours (or eights), 4-6-5 or 4-6-4; the last group any size. */
    private static boolean cardGrouping(int[] groupFirst, int firstGroup, int lastGroup) {
        int count = lastGroup - firstGroup + 1;
        if (count == 1) {
            return true;
        }
        if (count == 3 && size(groupFirst, firstGroup) == 4 && size(groupFirst, firstGroup + 1) == 6) {
            return true;
        }
        for (int g = firstGroup; g < lastGroup; g++) {
            int size = size(groupFirst, g);
            if (size != 1 && size != 4 && size != 8) {
                return false;
            }
        }
        return true;
    }

    private static int size(int[] groupFirst, int group) {
        return groupFirst[group + 1] - groupFirst[group];
    }
}
