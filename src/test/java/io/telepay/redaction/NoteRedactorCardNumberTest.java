package io.telepay.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Card numbers in notes, as agents actually type them: grouped, full-width, 19-digit UnionPay, with expiry and CVC. */
class NoteRedactorCardNumberTest {

    private final NoteRedactor redactor = new NoteRedactor();

    private String redacted(String note) {
        return redactor.redact(note).text();
    }

    @Test
    void removesALuhnValidCardNumberWithoutAnyKeyword() {
        assertThat(redacted("客戶唸了 4242424242424242 我沒有記"))
                .isEqualTo("客戶唸了 [card number removed] 我沒有記");
    }

    @Test
    void removesGroupedNumbersWithSpacesOrDashes() {
        assertThat(redacted("Customer read out 5555 5555 5555 4444 before I could stop him."))
                .isEqualTo("Customer read out [card number removed] before I could stop him.");
        assertThat(redacted("客户报了 4242-4242-4242-4242 ，已提醒不要说卡号"))
                .isEqualTo("客户报了 [card number removed] ，已提醒不要说卡号");
    }

    @Test
    void removesFullWidthDigitsTypedWithAChineseInputMethod() {
        assertThat(redacted("卡號４２４２４２４２４２４２４２４２"))
                .isEqualTo("卡號[card number removed]");
        assertThat(redacted("客戶說 ４２４２ ４２４２ ４２４２ ４２４２ 是他的卡"))
                .isEqualTo("客戶說 [card number removed] 是他的卡");
    }

    @Test
    void removesANineteenDigitUnionPayNumberAfterACardWordEvenWhenNotLuhnValid() {
        // UnionPay numbers are not always Luhn-checked by issuers; the keyword is reason enough
        assertThat(redacted("银联卡号 6212 3456 7890 1234 567，客户坚持要我记下"))
                .isEqualTo("银联卡号 [card number removed]，客户坚持要我记下");
        assertThat(redacted("銀聯卡號是6212345678901234567"))
                .isEqualTo("銀聯卡號是[card number removed]");
        assertThat(redacted("card number: 6234 5678 9012 3456 781"))
                .isEqualTo("card number: [card number removed]");
    }

    @Test
    void removesALuhnValidNineteenDigitUnionPayNumberAnywhere() {
        assertThat(redacted("客户念了一串 6214830100000000005 问是不是这个"))
                .isEqualTo("客户念了一串 [card number removed] 问是不是这个");
    }

    @Test
    void removesTheExpiryAndCvcThatFollowACardNumber() {
        var redaction = redactor.redact("Caller insisted: 4242 4242 4242 4242 12/28 123");
        assertThat(redaction.text()).isEqualTo("Caller insisted: [card number removed] [card expiry removed] [CVC removed]");
        assertThat(redaction.findings()).extracting(Finding::kind)
                .containsExactly(SecretKind.CARD_NUMBER, SecretKind.EXPIRY, SecretKind.CVC);
    }

    @Test
    void removesExpiryAndBackDigitsNamedByKeywordsInTheSameSentence() {
        assertThat(redacted("客戶主動報卡號 4242 4242 4242 4242，有效期限 08/27，背面三碼 321，已請他改用付款連結。"))
                .isEqualTo("客戶主動報卡號 [card number removed]，有效期限 [card expiry removed]，背面三碼 [CVC removed]，已請他改用付款連結。");
        assertThat(redacted("信用卡到期日 2028年12月，客户自己说的"))
                .isEqualTo("信用卡到期日 [card expiry removed]，客户自己说的");
        assertThat(redacted("Visa ending 4242, expiry 0928, CVV 737"))
                .isEqualTo("Visa ending 4242, expiry [card expiry removed], CVV [CVC removed]");
    }

    @Test
    void keepsTheLastFourDigitsThatMayBeShown() {
        assertThat(redacted("客戶確認卡號末四碼 4242 與付款頁面相符")).isEqualTo("客戶確認卡號末四碼 4242 與付款頁面相符");
        assertThat(redacted("card ending in 4444, BIN 555555")).isEqualTo("card ending in 4444, BIN 555555");
    }

    @Test
    void aLongNumberAfterACardWordWithinAWordIsStillACard() {
        assertThat(redacted("客户的储蓄卡 6222 0210 0112 2334 458 要绑定"))
                .isEqualTo("客户的储蓄卡 [card number removed] 要绑定");
    }
}
