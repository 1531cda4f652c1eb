package io.telepay.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Texts that ask for a secret — the harvesting pattern (電銷收卡) — and texts that only mention one,
 * such as the warnings every honest script carries.
 */
class NoteRedactorSecretRequestTest {

    private final NoteRedactor redactor = new NoteRedactor();

    @ParameterizedTest
    @ValueSource(strings = {
            "please tell me the SMS code",
            "Could you read me the six digit code we just sent?",
            "What's your PIN?",
            "I need the CVV on the back of your card to finish the order.",
            "Can you give me the code that you just received",
            "To verify, share the OTP with me now.",
            "請提供簡訊驗證碼",
            "為了完成訂單，請告訴我您剛收到的驗證碼。",
            "您的卡片密碼是多少？",
            "麻煩把卡片背面三碼念給我",
            "請您核對一下提款密碼",
            "请告诉我验证码",
            "您把短信验证码报给我就可以了",
            "请提供一下您的银行卡密码",
            "卡号多少？我帮您登记",
            "验证码发给我，我这边帮您操作",
            "能不能把您收到的那組號碼告訴我",
            "Please read me the numbers on the front of your card",
            "what's the 3 digit code on the back of your card",
            "請念一下卡片背面的三位數",
    })
    void flagsAnAskForASecret(String text) {
        var redaction = redactor.redact(text);
        assertThat(redaction.asksForSecret()).as(text).isTrue();
        assertThat(redaction.requests().getFirst().reason()).startsWith("asks for the");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "本公司人員絕不會向您索取密碼或驗證碼。",
            "請勿將簡訊驗證碼告訴任何人，包括本公司客服人員。",
            "付款時，您的銀行可能會傳送簡訊驗證碼，請直接在付款頁面輸入。",
            "我們會傳送付款連結到您的手機，請在頁面上輸入卡號，我這邊看不到任何卡片資料。",
            "客戶問驗證碼是什麼，已說明是銀行傳的，請她自己在付款頁面輸入。",
            "请勿向任何人透露您的银行卡密码和短信验证码。",
            "我们不会要求您提供验证码",
            "千萬別把驗證碼告訴別人",
            "We will never ask for your PIN, card password or SMS code.",
            "Never share your one-time code with anyone, including us.",
            "Your bank may ask for a one-time code on the payment page.",
            "Please tell me if you received the SMS code on your phone.",
            "Please confirm the delivery address and your order number.",
            "請問您是否收到簡訊驗證碼？",
            "Please enter your card number on the secure page we just sent you.",
            "客户想知道验证码多少位",
    })
    void doesNotFlagAWarningOrAMention(String text) {
        var redaction = redactor.redact(text);
        assertThat(redaction.requests()).as(text).isEmpty();
    }

    @Test
    void namesTheSecretAskedForAndWhere() {
        String text = "好的，請告訴我您剛收到的驗證碼。";
        var request = redactor.redact(text).requests().getFirst();
        assertThat(request.kind()).isEqualTo(SecretKind.OTP_CODE);
        assertThat(text.substring(request.start(), request.end())).isEqualTo("告訴我您剛收到的驗證碼");
    }

    @Test
    void flagsTheAskingClauseEvenWhenAnotherClauseWarns() {
        var redaction = redactor.redact("我們不會問您網銀密碼，但請把卡片密碼告訴我。");
        assertThat(redaction.requests()).extracting(SecretRequest::kind).containsExactly(SecretKind.PIN);
    }

    @Test
    void anAskAndTheValueInOneNoteAreBothReported() {
        var redaction = redactor.redact("Agent asked: what is the OTP? Customer: 482913");
        assertThat(redaction.asksForSecret()).isTrue();
        assertThat(redaction.text()).doesNotContain("482913");
    }
}
