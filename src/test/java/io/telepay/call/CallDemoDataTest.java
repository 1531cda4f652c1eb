package io.telepay.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.telepay.redaction.NoteRedactor;
import io.telepay.redaction.Redaction;
import io.telepay.redaction.SecretKind;
import org.junit.jupiter.api.Test;

/** The demo history shows what it claims: two notes redacted, one asking for a code, the rest untouched. */
class CallDemoDataTest {

    private final NoteRedactor redactor = new NoteRedactor();

    private List<String> notes() {
        return CallDemoData.HISTORY.stream().flatMap(script -> script.notes().stream()).toList();
    }

    @Test
    void theCardNumberAndTheCvcANoteHeldAreRemoved() {
        Redaction card = redactor.redact(note("银行卡号"));
        assertThat(card.findings()).extracting("kind").containsExactly(SecretKind.CARD_NUMBER);
        assertThat(card.text()).doesNotContain("6212").doesNotContain("0000 003");
        Redaction cvc = redactor.redact(note("背面三碼"));
        assertThat(cvc.findings()).extracting("kind").containsExactly(SecretKind.CVC);
        assertThat(cvc.text()).doesNotContain("123");
    }

    @Test
    void theNoteAskingForAnSmsCodeIsFlagged() {
        assertThat(redactor.redact(note("短信验证码")).requests()).extracting("kind").containsExactly(SecretKind.OTP_CODE);
    }

    @Test
    void everyOtherNoteIsStoredAsWritten() {
        List<String> ordinary = notes().stream()
                .filter(n -> !n.contains("银行卡号") && !n.contains("背面三碼") && !n.contains("短信验证码")).toList();
        assertThat(ordinary).hasSizeGreaterThan(8);
        for (String note : ordinary) {
            Redaction redaction = redactor.redact(note);
            assertThat(redaction.text()).as(note).isEqualTo(note);
            assertThat(redaction.asksForSecret()).as(note).isFalse();
            assertThat(CardCollectionLanguage.find(note)).as(note).isEmpty();
        }
    }

    @Test
    void aCallbackIsPromisedAndEveryDispositionAppears() {
        assertThat(CallDemoData.HISTORY).extracting(CallDemoData.Script::disposition)
                .contains(Disposition.values());
        assertThat(CallDemoData.HISTORY).filteredOn(s -> s.disposition() == Disposition.CALLBACK)
                .allSatisfy(s -> assertThat(s.agent()).isEqualTo("agent"))
                .allSatisfy(s -> assertThat(s.callback()).isNegative());
    }

    private String note(String containing) {
        return notes().stream().filter(n -> n.contains(containing)).findFirst().orElseThrow();
    }
}
