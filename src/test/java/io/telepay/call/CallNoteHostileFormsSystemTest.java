package io.telepay.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.stream.Stream;

import io.telepay.identity.StaffUser;
import io.telepay.shared.Role;
import io.telepay.redaction.SecretKind;
import io.telepay.testing.Http;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 17: the forms a hostile tester typed into notes to get a card number stored in clear, sent through
 * the API exactly as typed. Each is stored redacted, raises the card-number event and the risk alert on the agent.
 */
class CallNoteHostileFormsSystemTest extends CallSystemTestSupport {

    static Stream<Arguments> hostileNotes() {
        // 4111 1111 1111 1111 and 5105 1051 0510 5100: digits 0, 1, 5 and 8 only, never a run in Telepay's ids
        return Stream.of(
                Arguments.of("客戶念了 4111.1111.1111.1111 我沒有記", "41111111"),
                Arguments.of("客戶念了 4111/1111/1111/1111 我沒有記", "41111111"),
                Arguments.of("card 4111_1111_1111_1111 given", "41111111"),
                Arguments.of("card 4111,1111,1111,1111 given", "41111111"),
                Arguments.of("card 4111  1111 1111 1111 given", "41111111"),
                Arguments.of("card 4111\t1111\t1111\t1111 given", "41111111"),
                Arguments.of("card\n4111\n1111\n1111\n1111\ngiven", "41111111"),
                Arguments.of("card 4111\u00A01111\u00A01111\u00A01111 given", "41111111"),
                Arguments.of("card 5105\u20131051\u20130510\u20135100 given", "51051051"),
                Arguments.of("card 5105\u20141051\u20140510\u20145100 given", "51051051"),
                Arguments.of("card 4111\u200B1111\u200B1111\u200B1111 given", "41111111"),
                Arguments.of("card 4111.1111/1111_1111 given", "41111111"),
                Arguments.of("客戶唸了「四一一一 一一一一 一一一一 一一一一」", "四一一一"),
                Arguments.of("he said four one one one one one one one one one one one one one one one", "four one one one"),
                Arguments.of("the three digits on the back are 9 8 0", "9 8 0"));
    }

    @ParameterizedTest
    @MethodSource("hostileNotes")
    void aHostileFormIsStoredRedactedAndRaisesTheAlertOnTheAgent(String text, String secret) {
        StaffUser agentUser = newUser(Role.AGENT, team());
        Http agent = as(agentUser);
        String callId = started(agent, customerOf(agent));

        JsonNode note = json(note(agent, callId, text), 201);

        assertThat(note.get("redacted").asBoolean()).isTrue();
        String stored = jdbc.sql("select body from call_note where call_id = :call").param("call", callId).query(String.class).single();
        assertThat(stored).isEqualTo(note.get("text").asString()).doesNotContain(secret);
        assertThat(stored.replaceAll("[^0-9]", "")).doesNotContain("1111").doesNotContain("5100");
        SecretKind expected = secret.equals("9 8 0") ? SecretKind.CVC : SecretKind.CARD_NUMBER;
        assertThat(note.get("findings").valueStream().map(f -> f.get("kind").asString())).contains(expected.name());
        if (expected == SecretKind.CARD_NUMBER) {
            assertThat(events.about(callId, CardNumberInNote.class)).singleElement();
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                            "select count(*) from risk_alert where subject = :agent and signal = 'CARD_NUMBER_IN_NOTE'")
                    .param("agent", agentUser.id()).query(Long.class).single() > 0);
        } else {
            assertThat(events.about(callId, SecretInNote.class)).singleElement();
        }
    }
}
