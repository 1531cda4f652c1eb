package io.telepay.redaction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.telepay.shared.CardNumbers;

/**
 * Removes secrets from free text — an agent's call note, a call script — before it is stored, and
 * tells whether the text asks someone for one (DESIGN.md, invariant 2).
 *
 * <p>What it removes: card-number-like digit runs (13 to 19 digits, grouped by spaces or dashes,
 * full-width digits too) when Luhn-valid anywhere, and also when not Luhn-valid right after a card
 * word ("銀聯卡號 6212 …"); the value after a keyword for a CVC, PIN, password, one-time code or ID
 * number in English, 繁體 and 简体; a card's expiry and CVC when a card word or number comes before
 * them in the sentence; Taiwanese and mainland ID numbers whose check digit is right.
 *
 * <p>What it leaves alone: order and tracking numbers, prices, dates, times, phone numbers, quantities
 * and postal codes — a value is only taken after a secret's keyword when it has the secret's shape
 * (an OTP is 4 to 8 digits, not "2026/11/28" or "+886 912 345 678"), and a search for a value stops
 * at the next keyword, so "PIN reset for order 20261128" keeps its order number.
 *
 * <p>A plain class without Spring: thread-safe, no state, linear in the text.
 */
public final class NoteRedactor {

    /** How far after a keyword its value may stand, in characters, within the clause. */
    private static final int VALUE_WINDOW = 32;
    /** Words that may stand between a keyword and its value ("the OTP the customer read out was …"). */
    private static final int MAX_SKIPPED_WORDS = 6;
    /** How far after a question for a secret its answer may stand ("…the OTP? Customer: 482913"). */
    private static final int ANSWER_WINDOW = 48;

    private static final Pattern EXPIRY_TOKEN = Pattern.compile("(?:0?[1-9]|1[0-2])[/.-](?:\\d{2}|20\\d{2})|20\\d{2}[/.-](?:0?[1-9]|1[0-2])");
    private static final Pattern EXPIRY_CJK = Pattern.compile(
            "\\G(?:(?:20)?\\d{2}\\s*年\\s*(?:0?[1-9]|1[0-2])\\s*月|(?:0?[1-9]|1[0-2])\\s*月\\s*/?\\s*(?:20)?\\d{2}\\s*年)");
    private static final Pattern TAIWAN_ID = Pattern.compile("(?<![A-Za-z0-9])[A-Z][1289]\\d{8}(?![A-Za-z0-9])");
    private static final Pattern MAINLAND_ID = Pattern.compile("(?<![A-Za-z0-9])\\d{17}[\\dXx](?![A-Za-z0-9])");
    private static final Pattern VALUE_BEFORE = Pattern.compile(
            "([0-9\uFF10-\uFF19]{3,12})\\s*(?:就是|是|為|为|這組|这组|这个|這個|(?:is|was|as)\\s+(?:the|my|his|her|their|your)?)\\s*"
                    + "(?:(?:the|my|his|her|their|your|您的|你的|他的|她的|我的|客戶的|客户的)\\s*)?$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PHONE_DIGITS = Pattern.compile("(?:00)?(?:886|86)?(?:0?9\\d{8}|1[3-9]\\d{9})");

    private final SecretRequests requests = new SecretRequests();

    /** Redacts the text; never null, and the findings never hold a removed value. */
    public Redaction redact(String text) {
        Objects.requireNonNull(text, "text");
        List<SecretRequest> asked = requests.find(text);
        if (!hasDigitOrLetter(text)) {
            return new Redaction(text, List.of(), asked);
        }
        Scan scan = new Scan(text, Keywords.find(text));
        scan.idNumbers();
        scan.luhnValidCards();
        scan.keywordValues();
        scan.cardCompanions();
        scan.answersTo(asked);
        return scan.result(asked);
    }

    private static boolean hasDigitOrLetter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isDigit(c) || isLatin(c)) {
                return true;
            }
        }
        return false;
    }

    /** A value found in one text, before overlaps are settled. */
    private record Candidate(SecretKind kind, int start, int end, String reason) {
    }

    /** The work on one text. */
    private static final class Scan {

        private final String text;
        private final List<Keywords.Hit> hits;
        private final List<Candidate> candidates = new ArrayList<>();

        Scan(String text, List<Keywords.Hit> hits) {
            this.text = text;
            this.hits = hits;
        }

        void idNumbers() {
            Matcher taiwan = TAIWAN_ID.matcher(text);
            while (taiwan.find()) {
                if (taiwanIdValid(taiwan.group())) {
                    add(SecretKind.ID_NUMBER, taiwan.start(), taiwan.end(), "Taiwanese ID number (letter, 9 digits, valid check digit)");
                }
            }
            Matcher mainland = MAINLAND_ID.matcher(text);
            while (mainland.find()) {
                if (mainlandIdValid(mainland.group())) {
                    add(SecretKind.ID_NUMBER, mainland.start(), mainland.end(),
                            "mainland Chinese resident ID number (18 characters, birth date and check digit valid)");
                }
            }
        }

        void luhnValidCards() {
            for (CardNumbers.Span span : CardNumbers.find(text)) {
                int chainStart = chainStart(span.start());
                if (chainStart > 0 && text.charAt(chainStart - 1) == '+') {
                    continue; // "+86 138 0013 8000" is a phone number that happens to pass Luhn
                }
                if (PHONE_DIGITS.matcher(digitsOf(span.start(), span.end())).matches()) {
                    continue;
                }
                Keywords.Hit before = nearestHitBefore(span.start());
                if (before != null && !before.secret() && sameClause(before.end(), span.start())) {
                    continue; // "訂單號 1234567890123456789": a long order number, not a card
                }
                add(SecretKind.CARD_NUMBER, span.start(), span.end(),
                        "card-number-like run of " + digitCount(span.start(), span.end()) + " digits that passes the Luhn check");
            }
        }

        void keywordValues() {
            for (int h = 0; h < hits.size(); h++) {
                Keywords.Hit hit = hits.get(h);
                if (!hit.secret()) {
                    continue;
                }
                if (hit.keyword().needsCardContext() && !cardContextBefore(hit.start(), hit)) {
                    continue;
                }
                Keywords.Hit next = h + 1 < hits.size() ? hits.get(h + 1) : null;
                if (!valueAfter(hit, next == null ? Integer.MAX_VALUE : next.start())) {
                    valueBefore(hit);
                }
            }
        }

        /** After a card number: "4242 4242 4242 4242 12/28 123" — its expiry and CVC follow it. */
        void cardCompanions() {
            List<Candidate> cards = candidates.stream().filter(c -> c.kind() == SecretKind.CARD_NUMBER).toList();
            for (Candidate card : cards) {
                int p = card.end();
                int sentenceEnd = sentenceEnd(p);
                for (int taken = 0; taken < 2; taken++) {
                    while (p < sentenceEnd && isCompanionGap(text.charAt(p))) {
                        p++;
                    }
                    if (p >= sentenceEnd || !isDigit(text.charAt(p))) {
                        break;
                    }
                    int end = tokenEnd(p);
                    String token = text.substring(p, end);
                    if (EXPIRY_TOKEN.matcher(token).matches()) {
                        add(SecretKind.EXPIRY, p, end, "card expiry right after a card number");
                    } else if (isPlainDigits(p, end) && between(end - p, 3, 4)) {
                        add(SecretKind.CVC, p, end, "3-4 digit code right after a card number");
                    } else {
                        break;
                    }
                    p = end;
                }
            }
        }

        /** "Agent asked: what is the OTP? Customer: 482913" — the answer comes after the question, past its clause. */
        void answersTo(List<SecretRequest> asked) {
            for (SecretRequest request : asked) {
                int p = request.end();
                int limit = Math.min(text.length(), p + ANSWER_WINDOW);
                for (Keywords.Hit hit : hits) {
                    if (hit.start() >= p && hit.start() < limit) {
                        limit = hit.start(); // the next keyword's own value is its business
                        break;
                    }
                }
                int words = 0;
                while (p < limit) {
                    char c = text.charAt(p);
                    if (isLatin(c) && ++words <= MAX_SKIPPED_WORDS) {
                        p = tokenEnd(p);
                        continue;
                    }
                    if (isDigit(c)) {
                        answer(request.kind(), p);
                        break;
                    }
                    if (isLatin(c)) {
                        break;
                    }
                    p++;
                }
            }
        }

        private void answer(SecretKind kind, int start) {
            if (start > 0 && text.charAt(start - 1) == '+') {
                return;
            }
            int end = tokenEnd(start);
            if (looksLikeDateTimeOrAmount(start, end) && kind != SecretKind.CARD_NUMBER) {
                return;
            }
            int length = end - start;
            String reason = kind.label() + " given after it was asked for";
            switch (kind) {
                case CARD_NUMBER -> {
                    int cardEnd = cardChainEnd(start);
                    if (between(digitCount(start, cardEnd), 13, 19)) {
                        add(kind, start, cardEnd, reason);
                    }
                }
                case CVC -> {
                    if (isPlainDigits(start, end) && between(length, 3, 4)) {
                        add(kind, start, end, reason);
                    }
                }
                case OTP_CODE -> {
                    if (isPlainDigits(start, end) && between(length, 4, 8)) {
                        add(kind, start, end, reason);
                    }
                }
                default -> {
                    if (isPlainDigits(start, end) && between(length, 4, 12)) {
                        add(kind, start, end, reason);
                    }
                }
            }
        }

        private boolean valueAfter(Keywords.Hit hit, int nextKeyword) {
            int limit = Math.min(Math.min(clauseEnd(hit.end()), hit.end() + VALUE_WINDOW), nextKeyword);
            boolean assigned = false;
            int words = 0;
            int p = hit.end();
            while (p < limit) {
                char c = text.charAt(p);
                if (isDigit(c) || isLatin(c)) {
                    int end = tokenEnd(p);
                    boolean digits = hasDigit(p, end);
                    if (!digits && hit.kind() == SecretKind.PASSWORD && assigned) {
                        int passwordEnd = passwordEnd(p);
                        if (between(passwordEnd - p, 4, 32)) {
                            return add(hit, p, passwordEnd);
                        }
                    }
                    if (!digits) {
                        if (++words > MAX_SKIPPED_WORDS) {
                            return false;
                        }
                        p = end;
                        continue;
                    }
                    if (p > 0 && text.charAt(p - 1) == '+') {
                        return false; // "+886 …": a phone number
                    }
                    return takeValue(hit, p, end);
                }
                if (c == ':' || c == '\uFF1A' || c == '=' || c == '是' || c == '為' || c == '为') {
                    assigned = true;
                }
                if (hit.kind() == SecretKind.EXPIRY) {
                    Matcher cjk = EXPIRY_CJK.matcher(text).region(p, text.length());
                    if (cjk.lookingAt()) {
                        return add(hit, p, cjk.end());
                    }
                }
                p++;
            }
            return false;
        }

        /** The first token with a digit after a keyword is its value if it has the secret's shape; else none is. */
        private boolean takeValue(Keywords.Hit hit, int start, int tokenEnd) {
            return switch (hit.kind()) {
                case CARD_NUMBER -> {
                    int end = cardChainEnd(start);
                    int digits = digitCount(start, end);
                    yield between(digits, 13, 19) && !PHONE_DIGITS.matcher(digitsOf(start, end)).matches() && add(hit, start, end);
                }
                case CVC -> isPlainDigits(start, tokenEnd) && between(tokenEnd - start, 3, 4) && add(hit, start, tokenEnd);
                case PIN -> spacedDigits(hit, start, 4, 12);
                case OTP_CODE -> spacedDigits(hit, start, 4, 8);
                case PASSWORD -> {
                    if (looksLikeDateTimeOrAmount(start, tokenEnd)) {
                        yield false;
                    }
                    int end = passwordEnd(start);
                    yield between(end - start, 4, 32) && add(hit, start, end);
                }
                case EXPIRY -> {
                    String token = text.substring(start, tokenEnd);
                    boolean mmyy = token.length() == 4 && isPlainDigits(start, tokenEnd)
                            && between(Integer.parseInt(digitsOf(start, start + 2)), 1, 12);
                    Matcher cjk = EXPIRY_CJK.matcher(text).region(start, text.length());
                    if (cjk.lookingAt()) {
                        yield add(hit, start, cjk.end());
                    }
                    yield (EXPIRY_TOKEN.matcher(token).matches() || mmyy) && add(hit, start, tokenEnd);
                }
                case ID_NUMBER -> {
                    String token = text.substring(start, tokenEnd);
                    boolean plain = token.chars().allMatch(ch -> isDigit((char) ch) || isLatin((char) ch));
                    yield plain && between(token.length(), 6, 18) && digitCount(start, tokenEnd) >= 6 && add(hit, start, tokenEnd);
                }
            };
        }

        /** A PIN or code, possibly read out in groups: "482913", "482 913". */
        private boolean spacedDigits(Keywords.Hit hit, int start, int min, int max) {
            int end = start;
            int digits = 0;
            int p = start;
            while (true) {
                int groupEnd = p;
                while (groupEnd < text.length() && isDigit(text.charAt(groupEnd))) {
                    groupEnd++;
                }
                if (groupEnd == p || (groupEnd < text.length() && (isLatin(text.charAt(groupEnd)) || isInnerSeparator(groupEnd)))) {
                    break;
                }
                if (p > start && groupEnd - p > 4) {
                    break;
                }
                digits += groupEnd - p;
                end = groupEnd;
                if (groupEnd + 1 < text.length() && text.charAt(groupEnd) == ' ' && isDigit(text.charAt(groupEnd + 1))) {
                    p = groupEnd + 1;
                } else {
                    break;
                }
            }
            if (end == start) {
                return false;
            }
            if (digits > max) {
                // the first group alone may still be the value ("PIN 1234 5 times" never reaches here: 5 digits fit)
                int first = start;
                while (first < text.length() && isDigit(text.charAt(first))) {
                    first++;
                }
                return between(first - start, min, max) && add(hit, start, first);
            }
            return digits >= min && add(hit, start, end);
        }

        private void valueBefore(Keywords.Hit hit) {
            SecretKind kind = hit.kind();
            if (kind != SecretKind.OTP_CODE && kind != SecretKind.PIN && kind != SecretKind.CVC && kind != SecretKind.PASSWORD) {
                return;
            }
            int from = Math.max(clauseStart(hit.start()), hit.start() - VALUE_WINDOW);
            Matcher before = VALUE_BEFORE.matcher(text).region(from, hit.start());
            if (!before.find()) {
                return;
            }
            int start = before.start(1);
            int end = before.end(1);
            if (start > 0 && (isDigit(text.charAt(start - 1)) || isLatin(text.charAt(start - 1)) || text.charAt(start - 1) == '+')) {
                return;
            }
            int length = end - start;
            boolean shaped = switch (kind) {
                case CVC -> between(length, 3, 4);
                case OTP_CODE -> between(length, 4, 8);
                default -> between(length, 4, 12);
            };
            if (shaped) {
                add(hit, start, end);
            }
        }

        private boolean add(Keywords.Hit hit, int start, int end) {
            String word = text.substring(hit.start(), hit.end());
            SecretKind kind = hit.kind();
            add(kind, start, end, kind.label() + " after the keyword \"" + word + "\"");
            return true;
        }

        private boolean add(SecretKind kind, int start, int end, String reason) {
            candidates.add(new Candidate(kind, start, end, reason));
            return true;
        }

        private boolean cardContextBefore(int position, Keywords.Hit self) {
            int sentenceStart = sentenceStart(position);
            if (self.keyword().fragment().startsWith("卡")) {
                return true;
            }
            for (Keywords.Hit hit : hits) {
                if (hit.start() >= position) {
                    break;
                }
                if (hit.start() >= sentenceStart && hit.keyword().cardWord()) {
                    return true;
                }
            }
            for (Candidate candidate : candidates) {
                if (candidate.kind() == SecretKind.CARD_NUMBER && candidate.start() >= sentenceStart && candidate.start() < position) {
                    return true;
                }
            }
            return false;
        }

        private Keywords.Hit nearestHitBefore(int position) {
            Keywords.Hit nearest = null;
            for (Keywords.Hit hit : hits) {
                if (hit.end() > position) {
                    break;
                }
                nearest = hit;
            }
            return nearest;
        }

        Redaction result(List<SecretRequest> asked) {
            if (candidates.isEmpty()) {
                return new Redaction(text, List.of(), asked);
            }
            // earliest first, and at one start the longest: a valid 18-character ID beats the 16-digit card inside it
            candidates.sort(Comparator.comparingInt(Candidate::start).thenComparing(c -> -(c.end() - c.start())));
            List<Finding> findings = new ArrayList<>();
            StringBuilder out = new StringBuilder(text.length());
            int copied = 0;
            for (Candidate candidate : candidates) {
                if (candidate.start() < copied) {
                    continue;
                }
                out.append(text, copied, candidate.start());
                int at = out.length();
                String placeholder = candidate.kind().placeholder();
                out.append(placeholder);
                findings.add(new Finding(candidate.kind(), candidate.start(), candidate.end(), at, placeholder, candidate.reason()));
                copied = candidate.end();
            }
            out.append(text, copied, text.length());
            return new Redaction(out.toString(), findings, asked);
        }

        // ---- the shape of the text around a position

        /** A token: letters and digits, joined by single inner separators ("2026/11/28", "NT$1,999.00", "ORD-2026-0042"). */
        private int tokenEnd(int start) {
            int p = start;
            while (p < text.length()) {
                char c = text.charAt(p);
                if (isDigit(c) || isLatin(c)) {
                    p++;
                } else if (isInnerSeparator(p)) {
                    p++;
                } else {
                    break;
                }
            }
            return p;
        }

        private boolean isInnerSeparator(int p) {
            char c = text.charAt(p);
            if (c != '-' && c != '/' && c != '.' && c != ':' && c != ',' && c != '\uFF0F' && c != '\uFF1A') {
                return false;
            }
            return p > 0 && p + 1 < text.length() && isAlnum(text.charAt(p - 1)) && isAlnum(text.charAt(p + 1));
        }

        /** A password: printable ASCII up to a space, without trailing punctuation. */
        private int passwordEnd(int start) {
            int p = start;
            while (p < text.length() && text.charAt(p) > ' ' && text.charAt(p) < 0x7F) {
                p++;
            }
            while (p > start && ".,;:)]}'\"".indexOf(text.charAt(p - 1)) >= 0) {
                p--;
            }
            return p;
        }

        /** Digit groups joined by single spaces, dashes or ideographic spaces, at most 19 digits in all. */
        private int cardChainEnd(int start) {
            int end = start;
            int digits = 0;
            int p = start;
            while (p < text.length() && isDigit(text.charAt(p))) {
                int groupEnd = p;
                while (groupEnd < text.length() && isDigit(text.charAt(groupEnd))) {
                    groupEnd++;
                }
                if (digits + groupEnd - p > 19) {
                    break;
                }
                digits += groupEnd - p;
                end = groupEnd;
                if (groupEnd + 1 < text.length() && isCardGap(text.charAt(groupEnd)) && isDigit(text.charAt(groupEnd + 1))) {
                    p = groupEnd + 1;
                } else {
                    break;
                }
            }
            if (end < text.length() && isLatin(text.charAt(end))) {
                return start; // "ORD2026…X": part of a code, not a card
            }
            return end;
        }

        private int chainStart(int position) {
            int p = position;
            while (p > 0 && (isDigit(text.charAt(p - 1)) || (isCardGap(text.charAt(p - 1)) && p > 1 && isDigit(text.charAt(p - 2))))) {
                p--;
            }
            return p;
        }

        private boolean looksLikeDateTimeOrAmount(int start, int end) {
            for (int p = start; p < end; p++) {
                char c = text.charAt(p);
                if (c == '/' || c == ':' || c == ',' || c == '.') {
                    return true;
                }
            }
            return false;
        }

        private boolean isCompanionGap(char c) {
            return c == ' ' || c == '\u3000' || c == ',' || c == '\uFF0C' || c == '、' || c == '/' || c == ';' || c == '\uFF1B';
        }

        private boolean isClauseBreak(int i) {
            char c = text.charAt(i);
            return switch (c) {
                case '\uFF0C', '\u3002', '\uFF01', '\uFF1F', '\uFF1B', ';', '!', '?', '\n', '\r' -> true;
                case ',', '.' -> !(i > 0 && i + 1 < text.length() && isAlnum(text.charAt(i - 1)) && isAlnum(text.charAt(i + 1)));
                default -> false;
            };
        }

        private boolean isSentenceBreak(int i) {
            char c = text.charAt(i);
            return switch (c) {
                case '\u3002', '\uFF01', '\uFF1F', '!', '?', '\n', '\r' -> true;
                case '.' -> !(i > 0 && i + 1 < text.length() && isAlnum(text.charAt(i - 1)) && isAlnum(text.charAt(i + 1)));
                default -> false;
            };
        }

        private int clauseEnd(int from) {
            int p = from;
            while (p < text.length() && !isClauseBreak(p)) {
                p++;
            }
            return p;
        }

        private int clauseStart(int from) {
            int p = from;
            while (p > 0 && !isClauseBreak(p - 1)) {
                p--;
            }
            return p;
        }

        private boolean sameClause(int from, int to) {
            return clauseEnd(from) >= to;
        }

        private int sentenceEnd(int from) {
            int p = from;
            while (p < text.length() && !isSentenceBreak(p)) {
                p++;
            }
            return p;
        }

        private int sentenceStart(int from) {
            int p = from;
            while (p > 0 && !isSentenceBreak(p - 1)) {
                p--;
            }
            return p;
        }

        private boolean hasDigit(int start, int end) {
            for (int p = start; p < end; p++) {
                if (isDigit(text.charAt(p))) {
                    return true;
                }
            }
            return false;
        }

        private boolean isPlainDigits(int start, int end) {
            for (int p = start; p < end; p++) {
                if (!isDigit(text.charAt(p))) {
                    return false;
                }
            }
            return end > start;
        }

        private int digitCount(int start, int end) {
            int n = 0;
            for (int p = start; p < end; p++) {
                if (isDigit(text.charAt(p))) {
                    n++;
                }
            }
            return n;
        }

        /** The digits of a span as ASCII, full-width ones folded. */
        private String digitsOf(int start, int end) {
            StringBuilder digits = new StringBuilder(end - start);
            for (int p = start; p < end; p++) {
                char c = text.charAt(p);
                if (c >= '0' && c <= '9') {
                    digits.append(c);
                } else if (c >= '\uFF10' && c <= '\uFF19') {
                    digits.append((char) ('0' + c - '\uFF10'));
                }
            }
            return digits.toString();
        }
    }

    // ---- ID numbers

    private static final String TAIWAN_LETTER_CODES = "ABCDEFGHJKLMNPQRSTUVXYWZIO";

    /** Taiwan: the letter stands for 10..35, then weights 1,9,8,7,6,5,4,3,2,1,1; the sum is a multiple of 10. */
    static boolean taiwanIdValid(String id) {
        int code = TAIWAN_LETTER_CODES.indexOf(id.charAt(0)) + 10;
        if (code < 10) {
            return false;
        }
        int sum = code / 10 + (code % 10) * 9;
        for (int i = 1; i < 9; i++) {
            sum += (id.charAt(i) - '0') * (9 - i);
        }
        sum += id.charAt(9) - '0';
        return sum % 10 == 0;
    }

    private static final int[] MAINLAND_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String MAINLAND_CHECK = "10X98765432";

    /** Mainland (GB 11643): a plausible birth date at 7..14 and the ISO 7064 MOD 11-2 check character. */
    static boolean mainlandIdValid(String id) {
        int year = Integer.parseInt(id.substring(6, 10));
        int month = Integer.parseInt(id.substring(10, 12));
        int day = Integer.parseInt(id.substring(12, 14));
        if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1 || day > 31) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * MAINLAND_WEIGHTS[i];
        }
        return Character.toUpperCase(id.charAt(17)) == MAINLAND_CHECK.charAt(sum % 11);
    }

    // ---- characters

    static boolean isDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= '\uFF10' && c <= '\uFF19');
    }

    static boolean isLatin(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAlnum(char c) {
        return isDigit(c) || isLatin(c);
    }

    private static boolean isCardGap(char c) {
        return c == ' ' || c == '-' || c == '\u3000';
    }

    private static boolean between(int value, int min, int max) {
        return value >= min && value <= max;
    }
}
