package io.telepay.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** CVC, PIN, password and one-time code values after their keywords, in English, 繁體 and 简体. */
class NoteRedactorKeywordValueTest {

    private final NoteRedactor redactor = new NoteRedactor();

    private String redacted(String note) {
        return redactor.redact(note).text();
    }

    private SecretKind onlyKind(String note) {
        var findings = redactor.redact(note).findings();
        assertThat(findings).as(note).hasSize(1);
        return findings.getFirst().kind();
    }

    @Test
    void removesOneTimeCodesInThreeLanguages() {
        assertThat(redacted("客戶把簡訊驗證碼 482913 唸出來了，已制止")).isEqualTo("客戶把簡訊驗證碼 [one-time code removed] 唸出來了，已制止");
        assertThat(redacted("客户直接说了验证码：605112")).isEqualTo("客户直接说了验证码：[one-time code removed]");
        assertThat(redacted("短信码是 7788")).isEqualTo("短信码是 [one-time code removed]");
        assertThat(redacted("Customer read the OTP 482913 aloud, told her never to do that"))
                .isEqualTo("Customer read the OTP [one-time code removed] aloud, told her never to do that");
        assertThat(redacted("the SMS code the customer read out was 119204"))
                .isEqualTo("the SMS code the customer read out was [one-time code removed]");
        assertThat(redacted("動態密碼４８２９１３")).isEqualTo("動態密碼[one-time code removed]");
        assertThat(onlyKind("verification code: 550231")).isEqualTo(SecretKind.OTP_CODE);
    }

    @Test
    void removesEachSecretInAMixedEnglishNote() {
        assertThat(redacted("my card is 4111-1111-1111-1111 exp 09/27 cvv 123"))
                .isEqualTo("my card is [card number removed] exp [card expiry removed] cvv [CVC removed]");
        assertThat(redacted("Customer's PIN is 4321 and password is Secret99"))
                .isEqualTo("Customer's PIN is [PIN removed] and password is [password removed]");
        assertThat(redacted("驗證碼是123456嗎？客戶問的")).isEqualTo("驗證碼是[one-time code removed]嗎？客戶問的");
    }

    @Test
    void removesACodeReadOutInGroups() {
        assertThat(redacted("OTP 482 913 given by caller")).isEqualTo("OTP [one-time code removed] given by caller");
    }

    @Test
    void removesACodeThatStandsBeforeItsKeyword() {
        assertThat(redacted("客戶說 482913 就是驗證碼")).isEqualTo("客戶說 [one-time code removed] 就是驗證碼");
        assertThat(redacted("He said 7391 is his PIN")).isEqualTo("He said [PIN removed] is his PIN");
    }

    @Test
    void removesPins() {
        assertThat(redacted("客戶說提款密碼是 0815（他生日）")).isEqualTo("客戶說提款密碼是 [PIN removed]（他生日）");
        assertThat(redacted("卡片密碼 246810")).isEqualTo("卡片密碼 [PIN removed]");
        assertThat(redacted("PIN: 1234")).isEqualTo("PIN: [PIN removed]");
        assertThat(redacted("customer gave pin code 9921 unprompted")).isEqualTo("customer gave pin code [PIN removed] unprompted");
        assertThat(redacted("银行卡密码是他生日0815")).isEqualTo("银行卡密码是他生日[PIN removed]");
    }

    @Test
    void removesPasswordsWithLettersDigitsAndSymbols() {
        assertThat(redacted("網銀密碼 Abc12345! 客戶說的")).isEqualTo("網銀密碼 [password removed] 客戶說的");
        assertThat(redacted("password: hunter2")).isEqualTo("password: [password removed]");
        assertThat(redacted("密码是 sunshine")).isEqualTo("密码是 [password removed]");
        assertThat(redacted("passcode=Tp@2026")).isEqualTo("passcode=[password removed]");
    }

    @Test
    void removesCvcs() {
        assertThat(redacted("CVV 123")).isEqualTo("CVV [CVC removed]");
        assertThat(redacted("安全碼：456")).isEqualTo("安全碼：[CVC removed]");
        assertThat(redacted("安全码是 0789 (Amex)")).isEqualTo("安全码是 [CVC removed] (Amex)");
        assertThat(redacted("卡片背面末三碼 321")).isEqualTo("卡片背面末三碼 [CVC removed]");
        assertThat(redacted("security code 737 read out by customer")).isEqualTo("security code [CVC removed] read out by customer");
        assertThat(onlyKind("CVN2: 882")).isEqualTo(SecretKind.CVC);
    }

    @Test
    void removesEverySecretInALongHarvestingNote() {
        String note = "客户说：卡号 6222 0210 0112 2334 458，有效期 03/29，安全码 556，取款密码 880312，"
                + "验证码 430021。我已告知公司不收集这些信息。";
        var redaction = redactor.redact(note);
        assertThat(redaction.text()).isEqualTo("客户说：卡号 [card number removed]，有效期 [card expiry removed]，安全码 [CVC removed]，"
                + "取款密码 [PIN removed]，验证码 [one-time code removed]。我已告知公司不收集这些信息。");
        assertThat(redaction.findings()).extracting(Finding::kind).containsExactly(SecretKind.CARD_NUMBER, SecretKind.EXPIRY,
                SecretKind.CVC, SecretKind.PIN, SecretKind.OTP_CODE);
    }

    @Test
    void takesOnlyTheValueNotTheNumbersAroundIt() {
        assertThat(redacted("PIN 1234, order TP-20261128-0042, total NT$1,999"))
                .isEqualTo("PIN [PIN removed], order TP-20261128-0042, total NT$1,999");
    }
}
