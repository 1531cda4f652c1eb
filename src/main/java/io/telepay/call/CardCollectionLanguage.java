package io.telepay.call;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The words of card harvesting dressed as a sale or a bank's call, in English, 繁體 and 简体: someone
 * comes to collect the card, the money must move to a "safe account", the bank must not be told. No
 * honest seller says them; a note that does raises a {@link SuspiciousNote}. One list, so a new scam
 * phrase is added in one place (and to its test).
 */
final class CardCollectionLanguage {

    /** Stays within one sentence, so two harmless sentences never make one suspicious phrase. */
    private static final String SAME_SENTENCE = "[^.!?。！？\\n]";

    /** "Take your card number" asks for a secret (the redactor's concern), it does not collect the card. */
    private static final String NOT_ITS_NUMBER = "(?!\\s*(?:number|no\\b|details|info))";

    private record Phrase(String name, Pattern pattern) {
    }

    private static final List<Phrase> PHRASES = List.of(
            phrase("courier collects the card",
                    "\\b(?:courier|messenger|delivery\\s+(?:man|person)|someone|somebody|our\\s+(?:staff|colleague|agent))\\b"
                            + SAME_SENTENCE + "{0,40}?\\b(?:collect|pick\\s*up|pick|fetch|take)\\b" + SAME_SENTENCE
                            + "{0,25}?\\b(?:bank\\s*|credit\\s*|debit\\s*)?cards?\\b" + NOT_ITS_NUMBER),
            phrase("send the card", "\\b(?:send|post|mail|hand\\s+over)\\s+(?:us\\s+|me\\s+)?(?:your|the)\\s+(?:bank\\s*|credit\\s*|debit\\s*)?cards?\\b"
                    + NOT_ITS_NUMBER),
            phrase("safe account", "\\b(?:safe|safety|secure|protected|supervis(?:ed|ion))\\s+account\\b"),
            phrase("don't tell the bank", "\\b(?:don'?t|do\\s+not|never|not\\s+to)\\s+(?:tell|inform|call|contact)\\s+(?:your|the)\\s+bank\\b"),
            phrase("快遞取卡", "(?:快[遞递]|[專专]人|上[門门])" + SAME_SENTENCE + "{0,10}?(?:取|收|拿)" + SAME_SENTENCE + "{0,6}?卡"),
            phrase("寄出卡片", "(?:把|將|将)" + SAME_SENTENCE + "{0,6}?(?:銀行卡|银行卡|信用卡|金融卡|提款卡|卡片)" + SAME_SENTENCE
                    + "{0,4}?(?:寄|郵寄|邮寄|交給|交给)"),
            phrase("安全帳戶", "(?:安全|監管|监管|保護|保护)(?:帳戶|帐户|賬戶|账户|帳號|账号|賬號)"),
            phrase("不要告訴銀行", "(?:不要|別|别|不能|不可以|勿)" + SAME_SENTENCE + "{0,4}?(?:告訴|告诉|通知|聯繫|联系|打給|打给)"
                    + SAME_SENTENCE + "{0,4}?(?:銀行|银行)"));

    private CardCollectionLanguage() {
    }

    private static Phrase phrase(String name, String regex) {
        return new Phrase(name, Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    /** The names of the phrases the text holds, in list order, each once; empty for an ordinary note. */
    static List<String> find(String text) {
        // typographic apostrophes ("don’t") as typed on phones
        String normalized = text.replace('\u2019', '\'').replace('\u02bc', '\'');
        List<String> found = new ArrayList<>();
        for (Phrase phrase : PHRASES) {
            if (phrase.pattern().matcher(normalized).find()) {
                found.add(phrase.name());
            }
        }
        return found;
    }
}
