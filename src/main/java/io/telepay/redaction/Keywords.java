package io.telepay.redaction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words in English, 繁體 and 简体 that announce a secret value ("卡號", "验证码", "CVV") or a number
 * that is no secret at all ("訂單", "phone"). One table, so a missing word is added in one place.
 */
final class Keywords {

    enum Role {
        /** introduces a value of its kind */
        SECRET,
        /** introduces a number that is no secret (order, phone, postal code): it stops a search for a value */
        OTHER_NUMBER
    }

    /**
     * @param kind              the secret it announces; null for {@link Role#OTHER_NUMBER}
     * @param cardWord          names a payment card, so an expiry or "背面" after it in the sentence is a card's
     * @param needsCardContext  means a secret only after a card word in the same sentence ("有效期" of a course is none)
     */
    record Keyword(Role role, SecretKind kind, boolean cardWord, boolean needsCardContext, Pattern pattern, String fragment,
                   boolean literal, String prefix) {

        Keyword(Role role, SecretKind kind, boolean cardWord, boolean needsCardContext, String fragment) {
            this(role, kind, cardWord, needsCardContext, compile(fragment), fragment, isLiteral(fragment), literalPrefix(fragment));
        }

        /** Where the keyword ends if it starts at {@code start}, else -1; most keywords are plain words, matched without a regex. */
        int matchEnd(String text, int start) {
            if (!text.regionMatches(true, start, prefix, 0, prefix.length())) {
                return -1;
            }
            if (literal) {
                int end = start + fragment.length();
                if (!text.regionMatches(true, start, fragment, 0, fragment.length())) {
                    return -1;
                }
                boolean latin = isLatin(fragment.charAt(0));
                if (latin && ((start > 0 && isLatin(text.charAt(start - 1))) || (end < text.length() && isLatin(text.charAt(end))))) {
                    return -1;
                }
                return end;
            }
            Matcher matcher = pattern.matcher(text).region(start, text.length()).useTransparentBounds(true);
            return matcher.lookingAt() ? matcher.end() : -1;
        }
    }

    /** The plain characters a fragment starts with, up to its first regex construct. */
    private static String literalPrefix(String fragment) {
        int end = 0;
        while (end < fragment.length() && "\\()[]?*+|.{}^$".indexOf(fragment.charAt(end)) < 0) {
            end++;
        }
        // a quantifier after the last plain character makes that character optional
        if (end < fragment.length() && end > 0 && "?*{".indexOf(fragment.charAt(end)) >= 0) {
            end--;
        }
        return fragment.substring(0, end);
    }

    private static boolean isLiteral(String fragment) {
        for (int i = 0; i < fragment.length(); i++) {
            if ("\\()[]?*+|.{}^$".indexOf(fragment.charAt(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLatin(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** One occurrence of a keyword in a text, {@code start} inclusive, {@code end} exclusive. */
    record Hit(Keyword keyword, int start, int end) {
        SecretKind kind() {
            return keyword.kind();
        }

        boolean secret() {
            return keyword.role() == Role.SECRET;
        }
    }

    private static final List<Keyword> ALL = new ArrayList<>();
    /** The keywords by their possible first character (lower case): a text is only tried where one can start. */
    private static final Map<Character, List<Keyword>> BY_FIRST_CHARACTER = new HashMap<>();

    static {
        secret(SecretKind.PIN, false, false,
                "提款密碼", "提款密码", "取款密碼", "取款密码", "卡片密碼", "卡片密码", "卡密碼", "卡密码", "銀行卡密碼", "银行卡密码",
                "信用卡密碼", "信用卡密码", "金融卡密碼", "晶片密碼", "芯片密码", "atm\\s*密[碼码]",
                "pin\\s*(?:code|number|no\\.?)", "pin\\s*[碼码]", "pin", "卡密");
        secret(SecretKind.CVC, true, false,
                "卡片驗證碼", "卡片验证码", "信用卡驗證碼", "信用卡验证码",
                "卡片背面(?:的)?(?:末|後|后)?(?:三|3)?(?:碼|码|位數字|位数字|位數|位数|位)?",
                "卡背(?:的)?(?:末|後|后)?(?:三|3)?(?:碼|码|位數|位数|位)?");
        secret(SecretKind.CVC, false, false,
                "cvv2?", "cvc2?", "cvn2?", "card\\s*verification\\s*(?:value|code|number)?", "security\\s*code",
                "安全碼", "安全码", "驗證值", "验证值");
        secret(SecretKind.CVC, false, true,
                "背面(?:的)?(?:末|後|后)?(?:三|3)(?:碼|码|位數|位数|個數字|个数字|位)", "背面",
                "(?:末|後|后)(?:三|3)(?:碼|码|位數|位数|位)");
        secret(SecretKind.OTP_CODE, false, false,
                "簡訊驗證碼", "短信验证码", "短信驗證碼", "簡訊碼", "简讯码", "短信码", "短信碼", "驗證碼", "验证码",
                "動態密碼", "动态密码", "動態碼", "动态码", "認證碼", "认证码", "校驗碼", "校验码", "一次性密碼", "一次性密码",
                "otp(?:\\s*code)?", "one[-\\s]?time\\s*(?:pass\\s*)?code", "one[-\\s]?time\\s*password",
                "sms\\s*(?:verification\\s*)?code", "text\\s*code", "verification\\s*code",
                "auth(?:entication)?\\s*code", "3d\\s*secure\\s*code");
        secret(SecretKind.PASSWORD, false, false,
                "交易密碼", "交易密码", "查詢密碼", "查询密码", "網銀密碼", "网银密码", "支付密碼", "支付密码",
                "登入密碼", "登录密码", "密碼", "密码", "password", "passcode", "passwd");
        secret(SecretKind.CARD_NUMBER, true, false,
                "信用卡卡號", "信用卡卡号", "信用卡號碼", "信用卡号码", "信用卡號", "信用卡号", "卡號碼", "卡号码",
                "卡號", "卡号", "卡片號碼", "卡片号码", "card\\s*(?:number|no\\.?|#)", "credit\\s*card", "debit\\s*card",
                "信用卡", "金融卡", "提款卡", "銀行卡", "银行卡", "借記卡", "借记卡", "儲蓄卡", "储蓄卡", "簽帳卡", "签账卡",
                "銀聯卡", "银联卡", "銀聯", "银联", "union\\s*pay", "visa", "master\\s*card", "amex", "jcb", "卡片", "cards?");
        secret(SecretKind.EXPIRY, false, true,
                "有效期限", "有效日期", "有效期", "到期日", "到期", "效期", "expiry\\s*date", "expiry",
                "expiration\\s*date", "expiration", "expires?", "exp\\.?", "valid\\s*(?:thru|through|until)", "mm\\s*/\\s*yy");
        secret(SecretKind.ID_NUMBER, false, false,
                "身分證字號", "身份證字號", "身分證號碼", "身份證號碼", "身份证号码", "身份证号", "身分證號", "身份證號",
                "居民身份证", "身分證", "身份證", "身份证", "身分证", "證件號碼", "证件号码", "證件號", "证件号", "居留證號",
                "national\\s*id(?:\\s*(?:number|no\\.?))?", "id\\s*(?:number|no\\.?|card)", "identity\\s*card(?:\\s*number)?",
                "passport\\s*(?:number|no\\.?)");
        other("訂單編號", "訂單號碼", "訂單號", "訂單", "订单编号", "订单号码", "订单号", "订单", "單號", "单号",
                "order\\s*(?:number|no\\.?|id|#)", "orders?", "tracking\\s*(?:number|no\\.?)?", "運單號", "運單", "运单号", "运单",
                "快遞單號", "快递单号", "物流", "發票號碼", "發票", "发票号码", "发票", "invoice",
                "電話", "电话", "手機號碼", "手機", "手机号码", "手机号", "手机", "phone", "mobile", "tel",
                "統一編號", "統編", "會員編號", "会员编号", "會員號", "会员号", "reference", "ref",
                "參考號碼", "參考號", "参考号", "序號", "序号", "編號", "编号",
                "郵遞區號", "邮政编码", "邮编", "郵編", "postal\\s*code", "post\\s*code", "zip\\s*code", "zip",
                "sku", "品號", "货号", "貨號", "qty", "quantity", "數量", "数量", "金額", "金额", "amount");

        for (Keyword keyword : ALL) {
            for (char first : firstCharacters(keyword.fragment())) {
                BY_FIRST_CHARACTER.computeIfAbsent(Character.toLowerCase(first), c -> new ArrayList<>()).add(keyword);
            }
        }
    }

    private Keywords() {
    }

    private static void secret(SecretKind kind, boolean cardWord, boolean needsCardContext, String... fragments) {
        for (String fragment : fragments) {
            ALL.add(new Keyword(Role.SECRET, kind, cardWord, needsCardContext, fragment));
        }
    }

    private static void other(String... fragments) {
        for (String fragment : fragments) {
            ALL.add(new Keyword(Role.OTHER_NUMBER, null, false, false, fragment));
        }
    }

    private static Pattern compile(String fragment) {
        return Pattern.compile(bounded(fragment), Pattern.CASE_INSENSITIVE);
    }

    /** English words only count as whole words: "pin" is not in "shipping", "tel" not in "hotel". */
    private static String bounded(String fragment) {
        char first = fragment.charAt(0);
        boolean latin = first >= 'a' && first <= 'z';
        return latin ? "(?<![A-Za-z])(?:" + fragment + ")(?![A-Za-z])" : "(?:" + fragment + ")";
    }

    /** The characters a fragment can start with: its first literal, or each first literal of a leading "(?:a|b)". */
    private static char[] firstCharacters(String fragment) {
        if (fragment.startsWith("(?:")) {
            String group = fragment.substring(3, fragment.indexOf(')'));
            String[] alternatives = group.split("\\|");
            char[] firsts = new char[alternatives.length];
            for (int i = 0; i < alternatives.length; i++) {
                firsts[i] = alternatives[i].charAt(0);
            }
            return firsts;
        }
        return new char[] {fragment.charAt(0)};
    }

    /** Every keyword in the text, left to right, not overlapping; the longest at each position. */
    static List<Hit> find(String text) {
        List<Hit> hits = new ArrayList<>();
        int length = text.length();
        int i = 0;
        while (i < length) {
            List<Keyword> candidates = BY_FIRST_CHARACTER.get(Character.toLowerCase(text.charAt(i)));
            Keyword best = null;
            int bestEnd = -1;
            if (candidates != null) {
                for (Keyword keyword : candidates) {
                    int end = keyword.matchEnd(text, i);
                    if (end > bestEnd) {
                        best = keyword;
                        bestEnd = end;
                    }
                }
            }
            if (best != null) {
                // at one position the longest word wins: "信用卡密碼" is a PIN, not a card followed by a password
                hits.add(new Hit(best, i, bestEnd));
                i = bestEnd;
            } else {
                i++;
            }
        }
        return hits;
    }
}
