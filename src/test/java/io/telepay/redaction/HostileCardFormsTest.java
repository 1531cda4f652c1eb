package io.telepay.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import io.telepay.shared.CardNumbers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way the hostile tester got a card number or CVC past the redactor and the log mask (issue 17). */
class HostileCardFormsTest {

    private final NoteRedactor redactor = new NoteRedactor();

    static Stream<Arguments> cardNumbers() {
        return Stream.of(
                Arguments.of("dots", "4242.4242.4242.4242"),
                Arguments.of("slashes", "4242/4242/4242/4242"),
                Arguments.of("underscores", "4242_4242_4242_4242"),
                Arguments.of("commas", "4242,4242,4242,4242"),
                Arguments.of("comma and space", "4242, 4242, 4242, 4242"),
                Arguments.of("two spaces", "4242  4242 4242 4242"),
                Arguments.of("tab", "4242\t4242\t4242\t4242"),
                Arguments.of("newline", "4242\n4242\n4242\n4242"),
                Arguments.of("CRLF", "4242\r\n4242\r\n4242\r\n4242"),
                Arguments.of("no-break space", "4242\u00A04242\u00A04242\u00A04242"),
                Arguments.of("narrow no-break space", "4242\u202F4242\u202F4242\u202F4242"),
                Arguments.of("en dash", "4242\u20134242\u20134242\u20134242"),
                Arguments.of("em dash", "4242\u20144242\u20144242\u20144242"),
                Arguments.of("minus sign", "4242\u22124242\u22124242\u22124242"),
                Arguments.of("zero-width space", "4242\u200B4242\u200B4242\u200B4242"),
                Arguments.of("zero-width joiner inside groups", "42\u200D42 42\u200C42 4242 42\uFEFF42"),
                Arguments.of("soft hyphen", "4242\u00AD4242\u00AD4242\u00AD4242"),
                Arguments.of("mixed separators", "4242.4242/4242_4242"),
                Arguments.of("mixed with zero-width and tab", "4242 \u200B4242\t4242.4242"),
                Arguments.of("digit by digit", "4 2 4 2 4 2 4 2 4 2 4 2 4 2 4 2"),
                Arguments.of("full-width with dots", "４２４２．４２４２．４２４２．４２４２"),
                Arguments.of("circled digits", "④②④② ④②④② ④②④② ④②④②"),
                Arguments.of("mathematical bold digits", "\uD835\uDFD2\uD835\uDFD0\uD835\uDFD2\uD835\uDFD0 4242 4242 4242"),
                Arguments.of("Chinese numerals", "四二四二 四二四二 四二四二 四二四二"),
                Arguments.of("Chinese numerals unbroken", "四二四二四二四二四二四二四二四二"),
                Arguments.of("Chinese financial numerals", "肆貳肆貳 肆貳肆貳 肆貳肆貳 肆貳肆貳"),
                Arguments.of("Mastercard in Chinese with 两 and 零", "五五五五 五五五五 五五五五 四四四四"),
                Arguments.of("UnionPay with 〇", "六二〇〇 〇〇〇〇 〇〇〇〇 〇〇〇五"),
                Arguments.of("English words", "four two four two four two four two four two four two four two four two"),
                Arguments.of("English words with commas and dashes", "Four-two-four-two, four-two-four-two, four-two-four-two, four-two-four-two"),
                Arguments.of("English words with oh", "six two oh oh oh oh oh oh oh oh oh oh oh oh oh five"),
                Arguments.of("mixed digits, numerals and words", "4242 四二四二 four two four two 4242"),
                Arguments.of("Amex 4-6-5 with dots", "3782.822463.10005"),
                Arguments.of("UnionPay 19 digits with slashes", "6217/0000/0000/0000/004"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cardNumbers")
    void aCardNumberInANoteIsRemovedWhateverSeparatesItsDigits(String form, String card) {
        Redaction redaction = redactor.redact("客戶唸了 " + card + " 我沒有記");

        assertThat(redaction.text()).isEqualTo("客戶唸了 [card number removed] 我沒有記");
        assertThat(redaction.findings()).singleElement().satisfies(f -> assertThat(f.kind()).isEqualTo(SecretKind.CARD_NUMBER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cardNumbers")
    void theLogMaskKeepsOnlyTheLastFourWhateverSeparatesTheDigits(String form, String card) {
        String line = "INFO note from agent usr_7: " + card + " end";

        String masked = CardNumbers.mask(line);

        assertThat(masked).startsWith("INFO note from agent usr_7: ").endsWith(" end");
        assertThat(CardNumbers.find(masked)).isEmpty();
        assertThat(masked.chars().filter(c -> c == '*').count()).isBetween(9L, 15L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cardNumbers")
    void aJsonLogLineIsMaskedLikeAText(String form, String card) {
        String json = "{\"message\":\"" + card.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
                .replace("\u00A0", "\\u00a0").replace("\u200B", "\\u200b") + "\"}";

        assertThat(CardNumbers.find(CardNumbers.mask(json))).isEmpty();
        assertThat(CardNumbers.mask(json)).contains("*");
    }

    static Stream<Arguments> securityCodes() {
        return Stream.of(
                Arguments.of("the three digits on the back are 9 8 7", "the three digits on the back are [CVC removed]"),
                Arguments.of("The 3 digits on the back: nine eight seven.", "The 3 digits on the back: [CVC removed]."),
                Arguments.of("digits on the back of the card were 9.8.7", "digits on the back of the card were [CVC removed]"),
                Arguments.of("CVV nine eight seven", "CVV [CVC removed]"),
                Arguments.of("CVC is 9 8 7, customer told to stop", "CVC is [CVC removed], customer told to stop"),
                Arguments.of("cvc: 9\u200B8\u200B7", "cvc: [CVC removed]"),
                Arguments.of("security code ９８７", "security code [CVC removed]"),
                Arguments.of("背面三碼 九八七", "背面三碼 [CVC removed]"),
                Arguments.of("背面三碼是九、八、七", "背面三碼是[CVC removed]"),
                Arguments.of("安全碼是 9 8 7，已提醒客戶", "安全碼是 [CVC removed]，已提醒客戶"),
                Arguments.of("卡背三码 玖捌柒", "卡背三码 [CVC removed]"),
                Arguments.of("CVV 4 digits: three four five six", "CVV 4 digits: [CVC removed]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("securityCodes")
    void aCvcSpelledOutAfterItsKeywordIsRemoved(String note, String stored) {
        assertThat(redactor.redact(note).text()).isEqualTo(stored);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "背面三碼 [CVC removed]，訂單 123 件", "CVV not given; customer ordered 3 4 5 items later",
            "安全碼請客戶自己輸入，不要念出來，第 2 3 4 頁有說明", "the digits on the back of the card were not read. Room 1 2 3."})
    void aCvcKeywordDoesNotTakeANumberFromAnotherClause(String note) {
        assertThat(redactor.redact(note).findings()).noneMatch(f -> f.kind() == SecretKind.CVC);
    }
}
