package io.telepay.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;

import io.telepay.identity.StaffUser;
import io.telepay.shared.Role;
import io.telepay.redaction.SecretKind;
import io.telepay.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Invariant 2 at the call module's door: notes are redacted before they are stored, and asking is signalled. */
class CallNoteSystemTest extends CallSystemTestSupport {

    @Autowired
    Calls calls;

    @Autowired
    io.telepay.testing.RecordedEvents published;

    @Autowired
    TransactionTemplate transactions;

    /**
     * Realistic notes holding secrets, the secrets as they were written (each must be gone from everything
     * stored), and the kinds the redactor must name. Secrets use digits 0, 1, 8 and 9, which never occur in
     * Telepay's base32 ids, so a scan of stored rows cannot hit an id by chance.
     */
    static Stream<Arguments> notesWithSecrets() {
        return Stream.of(
                Arguments.of("客戶念了信用卡號 4111 1111 1111 1111，有效期限 09/28，背面三碼 918，已請他改用付款連結。",
                        List.of("4111 1111 1111 1111", "4111111111111111", "918"),
                        List.of(SecretKind.CARD_NUMBER, SecretKind.EXPIRY, SecretKind.CVC)),
                Arguments.of("客户说银行卡密码是 809190，短信验证码 480913，我提醒他不要告诉任何人。",
                        List.of("809190", "480913"), List.of(SecretKind.PIN, SecretKind.OTP_CODE)),
                Arguments.of("Customer read out card number 5105-1051-0510-5100 and CVV 980 before I could stop her; PIN is 1908.",
                        List.of("5105-1051-0510-5100", "5105105105105100", "980", "1908"),
                        List.of(SecretKind.CARD_NUMBER, SecretKind.CVC, SecretKind.PIN)),
                Arguments.of("銀聯卡 6200 0000 0000 0005，簡訊驗證碼：918 804", List.of("6200 0000 0000 0005", "918 804", "918804"),
                        List.of(SecretKind.CARD_NUMBER, SecretKind.OTP_CODE)));
    }

    @ParameterizedTest
    @MethodSource("notesWithSecrets")
    void aNoteIsRedactedBeforeItIsStoredAndTheAnswerSaysWhatWasRemovedAndWhy(String text, List<String> secrets,
                                                                              List<SecretKind> kinds) {
        Http agent = as(newUser(Role.AGENT, team()));
        String callId = started(agent, customerOf(agent));

        JsonNode note = json(note(agent, callId, text), 201);
        assertThat(note.get("redacted").asBoolean()).isTrue();
        String stored = note.get("text").asString();
        secrets.forEach(secret -> assertThat(stored).as("answer").doesNotContain(secret));
        assertThat(note.get("findings").valueStream().map(f -> SecretKind.valueOf(f.get("kind").asString())).toList())
                .containsAll(kinds);
        for (JsonNode finding : note.get("findings")) {
            assertThat(finding.get("reason").asString()).isNotBlank();
            assertThat(stored.substring(finding.get("start").asInt(), finding.get("end").asInt()))
                    .isEqualTo(finding.get("placeholder").asString());
            secrets.forEach(secret -> assertThat(finding.toString()).doesNotContain(secret));
        }

        List<String> rows = jdbc.sql("select body || findings || requests || phrases from call_note where call_id = :call")
                .param("call", callId).query(String.class).list();
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst()).contains(stored);
        secrets.forEach(secret -> assertThat(rows.getFirst()).as("stored row").doesNotContain(secret));
        secrets.stream().filter(secret -> secret.replaceAll("\\D", "").length() >= 12).forEach(card ->
                assertThat(storedAnywhereAbout(callId)).as("audit and outbox").doesNotContain(card, card.replaceAll("\\D", "")));

        JsonNode read = json(agent.get("/api/v1/calls/" + callId), 200).get("notes").get(0);
        assertThat(read.get("text").asString()).isEqualTo(stored);
        assertThat(read.get("findings")).isEqualTo(note.get("findings"));
    }

    @ParameterizedTest
    @MethodSource("notesWithoutSecrets")
    void aNoteWithOrderNumbersPricesDatesAndPhonesIsStoredAsWritten(String text) {
        Http agent = as(newUser(Role.AGENT, team()));
        String callId = started(agent, customerOf(agent));
        JsonNode note = json(note(agent, callId, text), 201);
        assertThat(note.get("text").asString()).isEqualTo(text);
        assertThat(note.get("redacted").asBoolean()).isFalse();
        assertThat(note.get("findings")).isEmpty();
        assertThat(note.get("asksForSecret").asBoolean()).isFalse();
        assertThat(events.about(callId, SecretRequested.class)).isEmpty();
        assertThat(events.about(callId, CardNumberInNote.class)).isEmpty();
    }

    static Stream<String> notesWithoutSecrets() {
        return Stream.of(
                "訂單號 20261128001，金額新台幣 1,999 元，12/05 下午三點宅配，聯絡電話 0912-345-678。",
                "订单号 202611280017，金额人民币 2,388.00 元，手机 138 0013 8000，12月5日开始上课。",
                "Order #A-10023, total USD 199.00, deliver on 2026-12-05; customer's mobile +886 912 345 678.",
                "客戶問付款安全嗎？我說明付款頁面由客戶自行輸入，本公司不會索取密碼或簡訊驗證碼。");
    }

    @Test
    void htmlAndSqlInANoteAreStoredAndReturnedAsPlainText() {
        Http agent = as(newUser(Role.AGENT, team()));
        String callId = started(agent, customerOf(agent));
        String text = "<script>alert('客戶')</script><b>重要</b> '; drop table call_note; -- \" or 1=1";
        assertThat(json(note(agent, callId, text), 201).get("text").asString()).isEqualTo(text);
        assertThat(json(agent.get("/api/v1/calls/" + callId), 200).get("notes").get(0).get("text").asString()).isEqualTo(text);
        assertThat(jdbc.sql("select body from call_note where call_id = :call").param("call", callId).query(String.class).single())
                .isEqualTo(text);
    }

    @Test
    void aNoteAskingForAnSmsCodePublishesSecretRequestedWithoutTheNotesWords() {
        StaffUser agentUser = newUser(Role.AGENT, team());
        Http agent = as(agentUser);
        String customer = customerOf(agent);
        String callId = started(agent, customer);

        JsonNode note = json(note(agent, callId, "請客戶提供簡訊驗證碼，我幫他完成開通。"), 201);
        assertThat(note.get("asksForSecret").asBoolean()).isTrue();
        assertThat(note.get("requests").valueStream().map(r -> r.get("kind").asString()).toList()).containsExactly("OTP_CODE");

        assertThat(events.about(callId, SecretRequested.class)).singleElement().satisfies(event -> {
            assertThat(event.agentId()).isEqualTo(agentUser.id());
            assertThat(event.authorId()).isEqualTo(agentUser.id());
            assertThat(event.customerId()).isEqualTo(customer);
            assertThat(event.noteId()).isEqualTo(note.get("id").asString());
            assertThat(event.kinds()).containsExactly(SecretKind.OTP_CODE);
        });
        assertThat(outbox(callId)).anySatisfy(event -> assertThat(event).contains(note.get("id").asString())
                .contains("OTP_CODE").doesNotContain("開通"));
        assertThat(auditEntries("call.note-added", callId)).isEqualTo(1);
    }

    @Test
    void aCardNumberAndCardCollectionLanguagePublishTheirEventsWithoutTheNumber() {
        StaffUser agentUser = newUser(Role.AGENT, team());
        Http agent = as(agentUser);
        String callId = started(agent, customerOf(agent));

        JsonNode note = json(note(agent, callId,
                "客戶說對方要他把錢轉到安全帳戶，明天快遞上門取卡，卡號 4000 0566 5566 5556，我已請他立刻掛斷並打給銀行。"), 201);
        assertThat(note.get("suspiciousPhrases").valueStream().map(JsonNode::asString).toList()).contains("安全帳戶", "快遞取卡");
        assertThat(events.about(callId, CardNumberInNote.class)).singleElement()
                .satisfies(event -> assertThat(event.kinds()).contains(SecretKind.CARD_NUMBER));
        assertThat(events.about(callId, SuspiciousNote.class)).singleElement()
                .satisfies(event -> assertThat(event.phrases()).contains("安全帳戶", "快遞取卡"));
        assertThat(outbox(callId)).isNotEmpty().allSatisfy(event -> assertThat(event)
                .doesNotContain("4000 0566 5566 5556").doesNotContain("4000056655665556"));

        JsonNode pin = json(note(agent, callId, "客戶又說提款密碼 190809"), 201);
        assertThat(events.about(callId, SecretInNote.class)).singleElement().satisfies(event -> {
            assertThat(event.kinds()).containsExactly(SecretKind.PIN);
            assertThat(event.noteId()).isEqualTo(pin.get("id").asString());
        });
    }

    @Test
    void aNoteAndItsEventsCommitTogetherOrNotAtAll() {
        StaffUser agentUser = newUser(Role.AGENT, team());
        Http agent = as(agentUser);
        String callId = started(agent, customerOf(agent));

        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new UsernamePasswordAuthenticationToken(agentUser.actor(), null, List.of()));
        SecurityContextHolder.setContext(context);
        try {
            assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
                calls.addNote(callId, "請客戶念一下卡片背面的安全碼");
                throw new IllegalStateException("the transaction fails after the note");
            })).hasMessageContaining("after the note");
        } finally {
            SecurityContextHolder.clearContext();
        }

        assertThat(jdbc.sql("select count(*) from call_note where call_id = :call").param("call", callId).query(Long.class).single()).isZero();
        assertThat(events.about(callId, SecretRequested.class)).isEmpty();
        assertThat(outbox(callId)).filteredOn(event -> event.contains("noteId")).isEmpty();
        assertThat(json(agent.get("/api/v1/calls/" + callId), 200).get("noteCount").asInt()).isZero();
    }

    @Test
    void noteTextIsOneTo5000Characters() {
        Http agent = as(newUser(Role.AGENT, team()));
        String callId = started(agent, customerOf(agent));
        assertProblem(note(agent, callId, ""), 400, "text");
        assertProblem(note(agent, callId, "   "), 400, "text");
        assertProblem(agent.post("/api/v1/calls/" + callId + "/notes", "{}"), 400, "text");
        assertProblem(note(agent, callId, "客".repeat(5001)), 400, "text");
        assertProblem(note(agent, callId, "x".repeat(100 * 1024)), 400, "text");
        assertThat(json(note(agent, callId, "好".repeat(5000)), 201).get("text").asString()).hasSize(5000);
        assertThat(jdbc.sql("select count(*) from call_note where call_id = :call").param("call", callId).query(Long.class).single())
                .isEqualTo(1);
    }

    /** The call's audit entries and outbox rows as text. */
    private String storedAnywhereAbout(String callId) {
        return String.join("\n", jdbc.sql("select coalesce(details, '') from audit_entry where subject = :call")
                .param("call", callId).query(String.class).list()) + "\n" + String.join("\n", outbox(callId));
    }

    private List<String> outbox(String callId) {
        return published.json().stream().filter(event -> event.contains(callId)).toList();
    }
}
