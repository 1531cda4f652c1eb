package io.telepay.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a finding tells: kind, place, placeholder, reason — and never the removed value. */
class NoteRedactorFindingTest {

    private final NoteRedactor redactor = new NoteRedactor();

    @Test
    void findingsPointAtTheRemovedValueAndAtItsPlaceholder() {
        String note = "客戶報了卡號 4242 4242 4242 4242，驗證碼 482913。";
        var redaction = redactor.redact(note);
        assertThat(redaction.findings()).hasSize(2);
        for (Finding finding : redaction.findings()) {
            assertThat(redaction.text().substring(finding.redactedStart(), finding.redactedEnd())).isEqualTo(finding.placeholder());
            assertThat(finding.placeholder()).isEqualTo(finding.kind().placeholder());
        }
        Finding card = redaction.findings().get(0);
        assertThat(note.substring(card.start(), card.end())).isEqualTo("4242 4242 4242 4242");
    }

    @Test
    void noReasonOrPlaceholderEverCarriesTheValue() {
        String note = "卡号 6212 3456 7890 1234 567 安全码 556 密码 Abc12345! OTP 482913 身分證 A123456789";
        var redaction = redactor.redact(note);
        assertThat(redaction.findings()).hasSize(5);
        for (String secret : new String[] {"6212", "556", "Abc12345", "482913", "A123456789"}) {
            assertThat(redaction.text()).doesNotContain(secret);
            assertThat(redaction.findings()).allSatisfy(f -> {
                assertThat(f.reason()).doesNotContain(secret);
                assertThat(f.placeholder()).doesNotContain(secret);
            });
        }
        assertThat(redaction.findings()).allSatisfy(f -> assertThat(f.reason()).isNotBlank());
    }

    @Test
    void aTextWithoutSecretsComesBackAsTheSameString() {
        String note = "客戶確認訂單，金額 NT$1,999。";
        var redaction = redactor.redact(note);
        assertThat(redaction.text()).isSameAs(note);
        assertThat(redaction.redacted()).isFalse();
        assertThat(redaction.asksForSecret()).isFalse();
    }
}
