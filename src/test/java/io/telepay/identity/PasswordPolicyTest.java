package io.telepay.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void refusesShortPasswords() {
        assertThat(policy.problem("Tr0ub4dor&3", "lin")).contains("12");
    }

    @Test
    void refusesCommonPasswordsAndCommonWordsWithDigitsAppended() {
        assertThat(policy.problem("passwordpassword", "lin")).contains("common");
        assertThat(policy.problem("qwertyuiop123", "lin")).contains("common");
        assertThat(policy.problem("password123456", "lin")).contains("common");
        assertThat(policy.problem("1234567890123", "lin")).isNotNull();
    }

    @Test
    void refusesTheUsernameAndRepetition() {
        assertThat(policy.problem("chenzhiming-2026", "chenzhiming")).contains("username");
        assertThat(policy.problem("aaaaaaaaaaaaaaa", "lin")).contains("repetitive");
    }

    @Test
    void acceptsLongPassphrasesIncludingChinese() {
        assertThat(policy.problem("correct horse battery staple", "lin")).isNull();
        assertThat(policy.problem("我們的電話銷售密碼很長很長", "lin")).isNull();
    }
}
