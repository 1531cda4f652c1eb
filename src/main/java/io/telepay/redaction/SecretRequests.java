package io.telepay.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds where a text asks someone for a secret: an asking phrase ("tell me", "請提供", "念给我") next to
 * a secret's name ("SMS code", "卡片密碼", "背面三碼") in one clause. A clause that says the opposite
 * ("本公司絕不會向您索取密碼", "never share your PIN"), that reports the customer's own question
 * ("客戶問驗證碼是什麼") or that speaks of the bank or the pay page asking ("your bank may ask for a
 * one-time code") asks for nothing.
 */
final class SecretRequests {

    private static final int FLAGS = Pattern.CASE_INSENSITIVE;

    private static final Pattern NOUN = Pattern.compile(String.join("|",
            "(?<cvc>" + String.join("|",
                    "(?<![a-z])(?:cvv2?|cvc2?|cvn2?)(?![a-z])", "security\\s+code",
                    "card\\s+verification\\s+(?:value|code|number)",
                    "(?:three|3|four|4)[-\\s]digits?(?:\\s+(?:code|number))?\\s+on\\s+the\\s+back",
                    "(?:numbers?|digits?|code)\\s+on\\s+the\\s+back",
                    "安全碼", "安全码", "卡片驗證碼", "卡片验证码", "驗證值", "验证值",
                    "(?:卡片|卡)?背面(?:的)?(?:末|後|后)?(?:三|3)(?:碼|码|位數|位数|個數字|个数字|位)",
                    "卡背(?:的)?(?:號碼|号码|數字|数字|三碼|三码)") + ")",
            "(?<pin>" + String.join("|",
                    "(?<![a-z])(?:atm\\s+)?pin(?:\\s+(?:code|number))?(?![a-z])",
                    "提款密碼", "提款密码", "取款密码", "卡片密碼", "卡片密码", "卡密碼", "卡密码", "銀行卡密碼", "银行卡密码",
                    "信用卡密碼", "信用卡密码", "金融卡密碼", "卡密") + ")",
            "(?<otp>" + String.join("|",
                    "(?<![a-z])otp(?:\\s+code)?(?![a-z])", "one[-\\s]?time\\s+(?:pass)?(?:code|word)",
                    "(?:sms|text|verification|authentication|auth)\\s+code",
                    "code\\s+(?:that\\s+)?(?:you|we|the\\s+bank)\\s+(?:just\\s+)?(?:got|received|sent|texted)",
                    "code\\s+(?:in|from)\\s+the\\s+(?:sms|text|message)", "(?:six|6|four|4)[-\\s]digit\\s+code",
                    "簡訊驗證碼", "短信验证码", "短信驗證碼", "簡訊碼", "短信码", "驗證碼", "验证码", "動態密碼", "动态密码",
                    "動態碼", "动态码", "認證碼", "认证码", "校驗碼", "校验码", "一次性密碼", "一次性密码",
                    "簡訊(?:裡|裏|中)?的?(?:號碼|數字|代碼|碼)", "短信(?:里|中)?的?(?:号码|数字|代码|码)",
                    "(?:剛|刚)?收到的?(?:那組|那组|六位|6位)?(?:號碼|号码|數字|数字)") + ")",
            "(?<password>" + String.join("|",
                    "(?<![a-z])(?:password|passcode)(?![a-z])",
                    "交易密碼", "交易密码", "網銀密碼", "网银密码", "支付密碼", "支付密码", "查詢密碼", "查询密码", "密碼", "密码") + ")",
            "(?<card>" + String.join("|",
                    "(?:full\\s+|whole\\s+|long\\s+)?card\\s+(?:number|no\\.?|#|digits)",
                    "(?:16|sixteen)[-\\s]digit\\s+(?:card\\s+)?number", "numbers?\\s+on\\s+(?:the\\s+front\\s+of\\s+)?(?:your|the)\\s+card",
                    "信用卡號碼", "信用卡号码", "信用卡卡號", "信用卡卡号", "信用卡號", "信用卡号", "卡號", "卡号",
                    "卡片號碼", "卡片号码", "卡片上的(?:號碼|号码|數字|数字)", "卡面(?:上的)?(?:號碼|号码|數字|数字)") + ")"),
            FLAGS);

    private static final Pattern ASK_BEFORE = Pattern.compile(String.join("|",
            "(?<![a-z])(?:tell|give)\\s+(?:me|us)(?![a-z])", "(?<![a-z])read\\s+(?:me|us|out|back|off|it)(?![a-z])",
            "(?<![a-z])(?:provide|share|say|spell|repeat|confirm)(?![a-z])", "(?<![a-z])(?:send|text)\\s+(?:me|us)(?![a-z])",
            "(?<![a-z])(?:i|we)\\s+(?:will\\s+|would\\s+|')?(?:need|want|require)(?![a-z])",
            "(?<![a-z])(?:may|can|could)\\s+(?:i|we)\\s+(?:have|get|take)(?![a-z])",
            "(?<![a-z])(?:can|could|would)\\s+you\\s+(?:please\\s+)?(?:tell|give|read|send|share|provide|spell|repeat|confirm)(?![a-z])",
            "(?<![a-z])let\\s+me\\s+(?:know|have)(?![a-z])", "(?<![a-z])what(?:'s|’s|\\s+is|\\s+was|\\s+are|\\s+were)(?![a-z])",
            "(?<![a-z])ask(?:s|ed|ing)?\\s+(?:you\\s+|customers?\\s+)?for(?![a-z])", "(?<![a-z])request(?:s|ed|ing)?(?![a-z])",
            "(?<![a-z])(?:i|we)\\s+(?:will\\s+|'ll\\s+)?(?:take|collect|note\\s+down|write\\s+down)(?![a-z])",
            "告訴我們", "告诉我们", "告訴我", "告诉我", "跟我說", "跟我说", "跟我講", "跟我讲", "給我", "给我", "提供",
            "報一下", "报一下", "報給我", "报给我", "報上", "报上", "念一下", "唸一下", "念給我", "唸給我", "念给我",
            "讀一下", "读一下", "讀給我", "读给我", "說一下", "说一下", "講一下", "讲一下", "說出", "说出", "講出", "讲出",
            "念出", "唸出", "讀出", "读出", "報出", "报出", "發給我", "发给我", "傳給我", "传给我", "回覆", "回复", "告知",
            "核對", "核对", "確認一下", "确认一下", "需要您的", "需要你的", "要您的", "要你的", "索取", "索要", "要求提供",
            "問您", "问您", "詢問", "询问"), FLAGS);

    private static final Pattern ASK_AFTER = Pattern.compile(String.join("|",
            "是多少", "是幾號", "是几号", "是什麼(?!意思|東西|用途)", "是什么(?!意思|东西|用途)",
            "多少(?![位碼码個个次錢钱天分秒小])", "幾號", "几号",
            "告訴我", "告诉我", "給我", "给我", "念給我", "唸給我", "念给我", "念一下", "唸一下", "報給我", "报给我",
            "報一下", "报一下", "說一下", "说一下", "講一下", "讲一下", "讀給我", "读给我", "讀一下", "读一下",
            "發給我", "发给我", "傳給我", "传给我", "發過來", "发过来", "傳過來", "传过来", "報出來", "报出来",
            "念出來", "念出来", "說出來", "说出来", "給我看", "给我看", "拍給我", "拍给我", "拍照給我", "拍照给我"), FLAGS);

    /** Words between an asking phrase and the secret that turn the ask into a question about something else. */
    private static final Pattern GAP_CHANGES_MEANING = Pattern.compile(
            "是否|有沒有|有没有|收到了?沒|收到了?没|(?<![a-z])(?:whether|if|received|got)(?![a-z])", FLAGS);

    private static final Pattern NEGATION = Pattern.compile(String.join("|",
            // "能不能", "可不可以", "要不要", "會不會" ask a question; they deny nothing
            "(?<!會)不會", "(?<!会)不会", "絕不", "绝不", "決不", "决不", "(?<!要)不要", "勿", "(?<!可)不可", "(?<!能)不能", "不得", "從不", "从不", "從來不", "从来不",
            "不需要", "無需", "无需", "不用", "不必", "不應", "不应", "禁止", "嚴禁", "严禁", "沒有人", "没有人",
            "[別别](?=[把將将告給给提說说透洩泄讓让向跟對对相理回念唸報报])",
            "(?<![a-z])(?:never|not|nobody|without|nor)(?![a-z])", "n['’]t(?![a-z])", "(?<![a-z])no\\s+(?:one|need|agent|staff|employee)(?![a-z])"),
            FLAGS);

    /** The customer's own question, reported by the agent: not the agent asking. */
    private static final Pattern CUSTOMER_ASKS = Pattern.compile(
            "(?:客戶|客户|顧客|顾客|消費者|消费者|(?<![a-z])(?:customer|caller|client)(?![a-z]))[^，,。]{0,6}?"
                    + "(?:問|问|詢問|询问|想知道|不知道|以為|以为|(?<![a-z])(?:asked|asks|wants\\s+to\\s+know|wondered)(?![a-z]))", FLAGS);

    /** The bank, the pay page or the IVR asks — which is the safe way, not the agent. */
    private static final Pattern SAFE_ASKER = Pattern.compile(
            "銀行|银行|發卡行|发卡行|付款頁面|付款页面|支付頁面|支付页面|付款連結|付款链接|語音系統|语音系统|系統|系统|"
                    + "(?<![a-z])(?:bank|issuer|pay(?:ment)?\\s+page|payment\\s+link|ivr|keypad|system)(?![a-z])", FLAGS);

    private static final int MAX_GAP_BEFORE_CJK = 8;
    private static final int MAX_GAP_BEFORE_LATIN = 30;
    private static final int MAX_GAP_AFTER = 6;

    List<SecretRequest> find(String text) {
        List<SecretRequest> found = new ArrayList<>();
        int clauseStart = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || isClauseBreak(text, i)) {
                if (i > clauseStart) {
                    inClause(text, clauseStart, i, found);
                }
                clauseStart = i + 1;
            }
        }
        return found;
    }

    /** Every secret's name holds one of these; a clause without any is skipped before the regular expressions run. */
    private static final String[] NOUN_MARKS = {"碼", "码", "密", "號", "号", "數", "数", "值", "背", "收到", "簡訊", "短信",
            "pin", "otp", "cv", "code", "pass", "card", "number", "digit"};

    private static boolean mayNameASecret(String text, int start, int end) {
        String clause = text.substring(start, end).toLowerCase(java.util.Locale.ROOT);
        for (String mark : NOUN_MARKS) {
            if (clause.contains(mark)) {
                return true;
            }
        }
        return false;
    }

    private void inClause(String text, int start, int end, List<SecretRequest> found) {
        if (!mayNameASecret(text, start, end)) {
            return;
        }
        Matcher noun = NOUN.matcher(text).region(start, end);
        while (noun.find()) {
            SecretKind kind = kindOf(noun);
            Matcher ask = askBefore(text, start, noun.start());
            int askStart;
            int askEnd;
            if (ask != null) {
                askStart = ask.start();
                askEnd = ask.end();
            } else {
                Matcher after = ASK_AFTER.matcher(text).region(noun.end(), Math.min(end, noun.end() + MAX_GAP_AFTER + 5));
                if (!after.find() || after.start() - noun.end() > MAX_GAP_AFTER) {
                    continue;
                }
                askStart = after.start();
                askEnd = after.end();
            }
            int spanStart = Math.min(askStart, noun.start());
            int spanEnd = Math.max(askEnd, noun.end());
            String upToAsk = text.substring(start, spanEnd);
            if (NEGATION.matcher(upToAsk).find() || CUSTOMER_ASKS.matcher(upToAsk).find()
                    || SAFE_ASKER.matcher(text.substring(start, Math.max(spanStart, start))).find()) {
                continue;
            }
            found.add(new SecretRequest(kind, spanStart, spanEnd, "asks for the " + kind.label() + " (\""
                    + text.substring(askStart, askEnd) + "\" … \"" + text.substring(noun.start(), noun.end()) + "\")"));
        }
    }

    /** The nearest asking phrase before the secret's name, close enough and not turned into another question. */
    private static Matcher askBefore(String text, int clauseStart, int nounStart) {
        int from = Math.max(clauseStart, nounStart - MAX_GAP_BEFORE_LATIN - 30);
        Matcher ask = ASK_BEFORE.matcher(text).region(from, nounStart);
        int nearestStart = -1;
        int nearestEnd = -1;
        while (ask.find()) {
            nearestStart = ask.start();
            nearestEnd = ask.end();
        }
        if (nearestStart < 0) {
            return null;
        }
        String gap = text.substring(nearestEnd, nounStart);
        boolean latin = gap.chars().noneMatch(c -> c >= 0x2E80);
        if (gap.length() > (latin ? MAX_GAP_BEFORE_LATIN : MAX_GAP_BEFORE_CJK) || GAP_CHANGES_MEANING.matcher(gap).find()) {
            return null;
        }
        Matcher nearest = ASK_BEFORE.matcher(text).region(nearestStart, nounStart);
        return nearest.lookingAt() ? nearest : null;
    }

    private static SecretKind kindOf(Matcher noun) {
        if (noun.group("cvc") != null) {
            return SecretKind.CVC;
        }
        if (noun.group("pin") != null) {
            return SecretKind.PIN;
        }
        if (noun.group("otp") != null) {
            return SecretKind.OTP_CODE;
        }
        if (noun.group("password") != null) {
            return SecretKind.PASSWORD;
        }
        return SecretKind.CARD_NUMBER;
    }

    private static boolean isClauseBreak(String text, int i) {
        char c = text.charAt(i);
        return switch (c) {
            case '\uFF0C', '\u3002', '\uFF01', '\uFF1F', '\uFF1B', ';', '!', '?', '\n', '\r' -> true;
            case ',', '.' -> !(i > 0 && i + 1 < text.length() && Character.isLetterOrDigit(text.charAt(i - 1))
                    && Character.isLetterOrDigit(text.charAt(i + 1)) && text.charAt(i + 1) < 0x2E80);
            default -> false;
        };
    }
}
