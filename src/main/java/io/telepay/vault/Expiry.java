package io.telepay.vault;

import java.time.Clock;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.telepay.shared.InvalidInput;

/**
 * The card's expiry month. A card is good through the last day of that month.
 *
 * @param month 1 to 12
 * @param year  four digits, 2000 to 2099
 */
public record Expiry(int month, int year) {

    static final String FIELD = "expiry";

    /** How far ahead an expiry may lie; issuers print at most a few years, 20 catches typos. */
    private static final int MAX_YEARS_AHEAD = 20;
    /** MMYY or MMYYYY without a separator, as a telephone keypad sends it. */
    private static final Pattern KEYPAD = Pattern.compile("(\\d{2})(\\d{2}|\\d{4})");
    private static final Pattern PRINTED = Pattern.compile("(\\d{1,2})\\s*[/\\-]\\s*(\\d{2}|\\d{4})");

    public Expiry {
        if (month < 1 || month > 12) {
            throw new InvalidInput(FIELD, "month must be 01 to 12");
        }
        if (year < 2000 || year > 2099) {
            throw new InvalidInput(FIELD, "year must be 2000 to 2099");
        }
    }

    /**
     * Parses {@code MM/YY} as printed on the card, and the forms a keypad or a form may send:
     * {@code MMYY}, {@code MM/YYYY}, {@code MM-YY}.
     *
     * @throws InvalidInput on field {@code expiry}
     */
    public static Expiry parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInput(FIELD, "is required");
        }
        String trimmed = text.strip();
        Matcher m = KEYPAD.matcher(trimmed);
        if (!m.matches()) {
            m = PRINTED.matcher(trimmed);
        }
        if (!m.matches()) {
            throw new InvalidInput(FIELD, "must be MM/YY");
        }
        int year = Integer.parseInt(m.group(2));
        return new Expiry(Integer.parseInt(m.group(1)), m.group(2).length() == 2 ? 2000 + year : year);
    }

    /** Parses the expiry and checks it is usable now: {@link #parse(String)} then {@link #requireUsableAt(Clock)}. */
    public static Expiry parse(String text, Clock clock) {
        return parse(text).requireUsableAt(clock);
    }

    /** Whether the card's last valid month lies before the current month of the clock. */
    public boolean hasPassedAt(Clock clock) {
        return yearMonth().isBefore(YearMonth.now(clock));
    }

    /**
     * This expiry, if the card can be charged now: not past, and not implausibly far ahead.
     *
     * @throws InvalidInput on field {@code expiry}
     */
    public Expiry requireUsableAt(Clock clock) {
        if (hasPassedAt(clock)) {
            throw new InvalidInput(FIELD, "has passed");
        }
        if (yearMonth().isAfter(YearMonth.now(clock).plusYears(MAX_YEARS_AHEAD))) {
            throw new InvalidInput(FIELD, "is too far in the future");
        }
        return this;
    }

    public YearMonth yearMonth() {
        return YearMonth.of(year, month);
    }

    /** {@code MM/YY}, as printed on the card. */
    @Override
    public String toString() {
        return String.format("%02d/%02d", month, year % 100);
    }
}
