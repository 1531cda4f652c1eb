package io.telepay.shared;

import java.text.Normalizer;
import java.util.Arrays;

/**
 * Reads the digits in free text the way a person may have typed them to get past a filter: ASCII and
 * full-width digits, any Unicode digit or compatibility form that NFKC folds to one (①, 𝟒, ４), Chinese
 * numerals (〇零一二三四五六七八九, 两/兩, 幺 as read aloud, the financial 壹貳參…) and English number words
 * ("zero"/"oh" to "nine"), each with its place in the original text.
 *
 * <p>Digits are joined into a chain across separators of any kind — spaces of every width, tabs, line
 * breaks, dots, slashes, underscores, commas, dashes of every length — at most {@value #MAX_GAP} of them
 * in a row, and across invisible format characters (zero-width space, joiners, soft hyphen) which count
 * as nothing. JSON string escapes ({@code \t}, {@code \n}, {@code \u00a0}) count as what they stand for,
 * so a log line reads the same in text and in JSON. Anything else (a letter, a plus sign, a colon, a
 * Chinese character that is no numeral) ends the chain.
 *
 * <p>One pass over the text, no regular expressions, no normalisation of the whole string: NFKC is applied
 * only to single characters outside ASCII and the CJK ideograph blocks, which is where it can matter.
 */
public final class DigitReading {

    /** At most this many separator characters between two digits of one chain. */
    static final int MAX_GAP = 4;

    /** What a digit was typed as. */
    enum Script { ASCII, NUMERAL, WORD }

    private final String text;
    private int size;
    private int[] values = new int[16];
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private Script[] scripts = new Script[16];
    /** Per digit: whether a new chain begins at it. */
    private boolean[] chainStarts = new boolean[16];
    /** Per digit: whether it is adjacent to the previous one (no separator; invisible format characters allowed). */
    private boolean[] touching = new boolean[16];
    /** Per digit: whether what stands before it is a list's separator, a comma and a space ("12, 34"). */
    private boolean[] listGap = new boolean[16];
    /** Per digit: whether an invisible format character stands between it and the previous one. */
    private boolean[] formatBefore = new boolean[16];
    /** Per digit: whether what stands before it is exactly one space, dash or ideographic space (the plain grouping). */
    private boolean[] plainGap = new boolean[16];

    private DigitReading(String text) {
        this.text = text;
    }

    /** Reads the text; linear in its length. */
    public static DigitReading of(String text) {
        DigitReading reading = new DigitReading(text);
        reading.read();
        return reading;
    }

    /**
     * How many characters or words in the text read as digits: the cheap test before the real work (a line
     * with fewer than 13 cannot hold a card number).
     */
    public static int digitLikeCount(String text) {
        int count = 0;
        int length = text.length();
        int i = 0;
        while (i < length) {
            char c = text.charAt(i);
            if (c < 0x80) {
                if (c >= '0' && c <= '9') {
                    count++;
                    i++;
                } else if (isAsciiLetter(c)) {
                    int end = i + 1;
                    while (end < length && isAsciiLetter(text.charAt(end))) {
                        end++;
                    }
                    if (end - i <= 5 && numberWord(text, i, end) >= 0) {
                        count++;
                    }
                    i = end;
                } else {
                    i++;
                }
            } else {
                if (nonAsciiDigit(text, i) >= 0) {
                    count++;
                }
                i += Character.charCount(text.codePointAt(i));
            }
        }
        return count;
    }

    /** A run of digits: {@code start} inclusive, {@code end} exclusive, in the original text. */
    public record Run(int start, int end, int digits) {
    }

    /**
     * The first run of chained digits that begins at or after {@code from}, cut at {@code limit}: "9 8 7",
     * "九八七", "nine eight seven"; null when no digit begins before {@code limit}.
     */
    public Run runFrom(int from, int limit) {
        int first = 0;
        while (first < size && starts[first] < from) {
            first++;
        }
        if (first == size || starts[first] >= limit) {
            return null;
        }
        int last = first;
        while (last + 1 < size && !chainStarts[last + 1] && ends[last + 1] <= limit) {
            last++;
        }
        return new Run(starts[first], ends[last], last - first + 1);
    }

    /**
     * Whether the text has a chain of at least {@code digits} digits, read as {@link #of} reads them: the cheap test
     * before the real work, one pass with no allocation. A log line's timestamp ("2026-12-07T03:33:18.123Z") is
     * broken by its letters and colons, so most lines stop here.
     */
    public static boolean hasChainOf(String text, int digits) {
        int length = text.length();
        int chain = 0;
        int gap = 0;
        int i = 0;
        while (i < length) {
            char c = text.charAt(i);
            boolean digit;
            int width = 1;
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c < 0x80 && isAsciiLetter(c)) {
                int end = i + 1;
                while (end < length && isAsciiLetter(text.charAt(end))) {
                    end++;
                }
                digit = end - i <= 5 && numberWord(text, i, end) >= 0;
                width = end - i;
            } else if (c < 0x80) {
                if (c == '\\' && i + 1 < length) {
                    int escaped = jsonEscape(text, i);
                    if (escaped >= 0) {
                        i += text.charAt(i + 1) == 'u' ? 6 : 2;
                        if (isSeparator(escaped)) {
                            if (++gap > MAX_GAP) {
                                chain = 0;
                            }
                        } else if (!isFormat(escaped)) {
                            chain = 0;
                            gap = 0;
                        }
                        continue;
                    }
                }
                digit = false;
                if (isSeparator(c)) {
                    if (++gap > MAX_GAP) {
                        chain = 0;
                    }
                    i++;
                    continue;
                }
            } else {
                int codePoint = text.codePointAt(i);
                width = Character.charCount(codePoint);
                digit = nonAsciiDigit(text, i) >= 0;
                if (!digit && (isFormat(codePoint) || isSeparator(codePoint))) {
                    if (!isFormat(codePoint) && ++gap > MAX_GAP) {
                        chain = 0;
                    }
                    i += width;
                    continue;
                }
            }
            if (digit) {
                if (++chain >= digits) {
                    return true;
                }
                gap = 0;
            } else {
                chain = 0;
                gap = 0;
            }
            i += width;
        }
        return false;
    }

    int size() {
        return size;
    }

    int value(int digit) {
        return values[digit];
    }

    int start(int digit) {
        return starts[digit];
    }

    int end(int digit) {
        return ends[digit];
    }

    Script script(int digit) {
        return scripts[digit];
    }

    boolean startsChain(int digit) {
        return chainStarts[digit];
    }

    /** Whether the digit continues the previous one's group: touching it, typed the same way, and both not words. */
    boolean sameGroup(int digit) {
        return digit > 0 && !chainStarts[digit] && touching[digit] && scripts[digit] == scripts[digit - 1]
                && scripts[digit] != Script.WORD;
    }

    boolean listGapBefore(int digit) {
        return listGap[digit];
    }

    boolean formatBefore(int digit) {
        return formatBefore[digit];
    }

    boolean plainGapBefore(int digit) {
        return plainGap[digit];
    }

    String text() {
        return text;
    }

    // ---- the pass

    // the state between two digits while reading
    private boolean broken = true; // a new chain begins at the next digit
    private int gap;               // separators since the last digit
    private boolean formatSeen;
    private boolean commaSeen;
    private boolean spaceSeen;
    private char firstSeparator;

    private void read() {
        int length = text.length();
        int i = 0;
        while (i < length) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digit(c - '0', i, i + 1, Script.ASCII);
                i++;
                continue;
            }
            if (c < 0x80 && isAsciiLetter(c)) {
                int end = i + 1;
                while (end < length && isAsciiLetter(text.charAt(end))) {
                    end++;
                }
                int word = end - i <= 5 ? numberWord(text, i, end) : -1;
                if (word >= 0) {
                    digit(word, i, end, Script.WORD);
                } else {
                    breakChain();
                }
                i = end;
                continue;
            }
            if (c == '\\' && i + 1 < length) {
                int escaped = jsonEscape(i);
                if (escaped >= 0) {
                    between(escaped, (char) 0);
                    i += text.charAt(i + 1) == 'u' ? 6 : 2;
                    continue;
                }
            }
            int codePoint = text.codePointAt(i);
            int width = Character.charCount(codePoint);
            int digit = c < 0x80 ? -1 : nonAsciiDigit(text, i);
            if (digit >= 0) {
                digit(digit, i, i + width, codePoint >= 0xFF10 && codePoint <= 0xFF19 ? Script.ASCII : Script.NUMERAL);
            } else {
                between(codePoint, c);
            }
            i += width;
        }
    }

    /** A character between digits: invisible, a separator, or the end of the chain. */
    private void between(int codePoint, char asTyped) {
        if (isFormat(codePoint)) {
            formatSeen = true;
        } else if (isSeparator(codePoint)) {
            gap++;
            if (gap == 1) {
                firstSeparator = asTyped; // 0 for an escape: never the plain grouping
            }
            commaSeen |= codePoint == ',' || codePoint == '\uFF0C' || codePoint == '\u3001';
            spaceSeen |= codePoint == ' ' || Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
            if (gap > MAX_GAP) {
                breakChain();
            }
        } else {
            breakChain();
        }
    }

    private void breakChain() {
        broken = true;
        resetGap();
    }

    private void resetGap() {
        gap = 0;
        formatSeen = false;
        commaSeen = false;
        spaceSeen = false;
        firstSeparator = 0;
    }

    private void digit(int value, int start, int end, Script script) {
        if (size == values.length) {
            int grown = size * 2;
            values = Arrays.copyOf(values, grown);
            starts = Arrays.copyOf(starts, grown);
            ends = Arrays.copyOf(ends, grown);
            scripts = Arrays.copyOf(scripts, grown);
            chainStarts = Arrays.copyOf(chainStarts, grown);
            touching = Arrays.copyOf(touching, grown);
            formatBefore = Arrays.copyOf(formatBefore, grown);
            listGap = Arrays.copyOf(listGap, grown);
            plainGap = Arrays.copyOf(plainGap, grown);
        }
        values[size] = value;
        starts[size] = start;
        ends[size] = end;
        scripts[size] = script;
        chainStarts[size] = broken;
        touching[size] = !broken && gap == 0;
        formatBefore[size] = !broken && formatSeen;
        listGap[size] = !broken && commaSeen && spaceSeen;
        plainGap[size] = !broken && gap == 1 && !formatSeen
                && (firstSeparator == ' ' || firstSeparator == '-' || firstSeparator == '\u3000');
        size++;
        broken = false;
        resetGap();
    }

    /** The code point a JSON escape at {@code at} stands for, or -1 when there is none there. */
    private int jsonEscape(int at) {
        return jsonEscape(text, at);
    }

    private static int jsonEscape(String text, int at) {
        char next = text.charAt(at + 1);
        switch (next) {
            case 't':
                return '\t';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 'u':
                if (at + 6 <= text.length()) {
                    int value = 0;
                    for (int k = at + 2; k < at + 6; k++) {
                        int hex = Character.digit(text.charAt(k), 16);
                        if (hex < 0) {
                            return -1;
                        }
                        value = value * 16 + hex;
                    }
                    return value;
                }
                return -1;
            default:
                return -1;
        }
    }

    // ---- characters

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Zero-width space, joiners, word joiner, byte-order mark, soft hyphen, bidi marks: invisible, so nothing. */
    static boolean isFormat(int codePoint) {
        return codePoint >= 0x80 && Character.getType(codePoint) == Character.FORMAT;
    }

    /** Whitespace of any width, and the punctuation people put between digit groups. */
    static boolean isSeparator(int codePoint) {
        if (codePoint < 0x80) {
            // the common case, every log line: no Unicode tables
            return codePoint == ' ' || codePoint == '.' || codePoint == ',' || codePoint == '-' || codePoint == '/' || codePoint == '_'
                    || codePoint == '|' || (codePoint >= '\t' && codePoint <= '\r') || (codePoint >= 0x1C && codePoint <= 0x1F);
        }
        if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
            return true;
        }
        return switch (codePoint) {
            case '.', '/', '_', ',', '-', '|', '\u00B7', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212',
                 '\u30FB', '\uFF0C', '\u3001', '\uFF0E', '\uFF0F', '\uFF3F', '\uFF0D', '\uFF5C', '\uFF65', '\u2027', '\u2219',
                 '\u22C5', '\u2043', '\uFE58', '\uFE63', '\u2E3A', '\u2E3B' -> true;
            default -> false;
        };
    }

    /** The digit a non-ASCII character at {@code at} reads as, or -1. */
    static int nonAsciiDigit(String text, int at) {
        int codePoint = text.codePointAt(at);
        int numeral = chineseNumeral(codePoint);
        if (numeral >= 0) {
            return numeral;
        }
        if (codePoint >= 0x3400 && codePoint <= 0x9FFF) {
            return -1; // CJK ideographs: NFKC leaves them as they are
        }
        int digit = Character.digit(codePoint, 10);
        if (digit >= 0) {
            return digit;
        }
        if (Character.isLetter(codePoint) || Character.isWhitespace(codePoint)) {
            return -1;
        }
        // ①, ⑷, ⒈, ¹, 𝟒 and other compatibility forms: NFKC says what they are
        String folded = Normalizer.normalize(new String(Character.toChars(codePoint)), Normalizer.Form.NFKC);
        for (int k = 0; k < folded.length(); k++) {
            char f = folded.charAt(k);
            if (f >= '0' && f <= '9') {
                return folded.length() <= 3 ? f - '0' : -1; // "⒈" is "1.", "⑷" is "(4)"
            }
        }
        return -1;
    }

    private static int chineseNumeral(int codePoint) {
        return switch (codePoint) {
            case '〇', '零' -> 0;
            case '一', '壹', '幺' -> 1;
            case '二', '两', '兩', '貳', '贰', '弍' -> 2;
            case '三', '參', '叁', '参' -> 3;
            case '四', '肆' -> 4;
            case '五', '伍' -> 5;
            case '六', '陸', '陆' -> 6;
            case '七', '柒' -> 7;
            case '八', '捌' -> 8;
            case '九', '玖' -> 9;
            default -> -1;
        };
    }

    private static final String[] WORDS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};

    /** "zero"/"oh" to "nine" in any case, or -1; one comparison at most, picked by length and first letter. */
    static int numberWord(String text, int start, int end) {
        int length = end - start;
        if (length < 2 || length > 5) {
            return -1;
        }
        char first = (char) (text.charAt(start) | 0x20);
        int candidate = switch (first) {
            case 'z' -> 0;
            case 'o' -> length == 2 ? -2 : 1;
            case 't' -> length == 3 ? 2 : 3;
            case 'f' -> (text.charAt(start + 1) | 0x20) == 'o' ? 4 : 5;
            case 's' -> length == 3 ? 6 : 7;
            case 'e' -> 8;
            case 'n' -> 9;
            default -> -1;
        };
        if (candidate == -2) {
            return text.regionMatches(true, start, "oh", 0, 2) ? 0 : -1;
        }
        if (candidate < 0 || WORDS[candidate].length() != length) {
            return -1;
        }
        return text.regionMatches(true, start, WORDS[candidate], 0, length) ? candidate : -1;
    }
}
