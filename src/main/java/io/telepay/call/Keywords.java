package io.telepay.call;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
    record Keyword(Role role, SecretKind kind, boolean cardWord, boolean needsCardContext, Pattern exact, String fragment) {
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
    private static final Pattern ANY;

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

        // at one position the longest word wins: "信用卡密碼" is a PIN, not a card followed by a password
        List<Keyword> longestFirst = new ArrayList<>(ALL);
        longestFirst.sort(Comparator.comparingInt((Keyword k) -> k.fragment().length()).reversed());
        ALL.clear();
        ALL.addAll(longestFirst);
        StringBuilder any = new StringBuilder();
        for (Keyword keyword : ALL) {
            if (!any.isEmpty()) {
                any.append('|');
            }
            any.append(bounded(keyword.fragment()));
        }
        ANY = Pattern.compile(any.toString(), Pattern.CASE_INSENSITIVE);
    }

    private Keywords() {
    }

    private static void secret(SecretKind kind, boolean cardWord, boolean needsCardContext, String... fragments) {
        for (String fragment : fragments) {
            ALL.add(new Keyword(Role.SECRET, kind, cardWord, needsCardContext, exact(fragment), fragment));
        }
    }

    private static void other(String... fragments) {
        for (String fragment : fragments) {
            ALL.add(new Keyword(Role.OTHER_NUMBER, null, false, false, exact(fragment), fragment));
        }
    }

    private static Pattern exact(String fragment) {
        return Pattern.compile(fragment, Pattern.CASE_INSENSITIVE);
    }

    /** English words only count as whole words: "pin" is not in "shipping", "tel" not in "hotel". */
    private static String bounded(String fragment) {
        char first = fragment.charAt(0);
        boolean latin = first >= 'a' && first <= 'z';
        return latin ? "(?<![A-Za-z])(?:" + fragment + ")(?![A-Za-z])" : "(?:" + fragment + ")";
    }

    /** Every keyword in the text, left to right, not overlapping; the longest at each position. */
    static List<Hit> find(String text) {
        List<Hit> hits = new ArrayList<>();
        Matcher matcher = ANY.matcher(text);
        while (matcher.find()) {
            String word = matcher.group();
            for (Keyword keyword : ALL) {
                if (keyword.exact().matcher(word).matches()) {
                    hits.add(new Hit(keyword, matcher.start(), matcher.end()));
                    break;
                }
            }
        }
        return hits;
    }
}
