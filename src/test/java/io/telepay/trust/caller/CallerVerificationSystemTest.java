package io.telepay.trust.caller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.telepay.identity.NewStaffUser;
import io.telepay.identity.StaffUser;
import io.telepay.shared.Ids;
import io.telepay.shared.Role;
import io.telepay.testing.Http;
import io.telepay.testing.SystemTest;
import io.telepay.trust.Consumers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** "Did this company really call me?" by number and by call code, and what the answers never reveal. */
class CallerVerificationSystemTest extends SystemTest {

    private static final String CHECKS = "/api/v1/public/caller-checks";

    private Http consumer() {
        return Consumers.fromNewAddress(base());
    }

    private String registered() {
        String phone = "+8862" + (20_000_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(70_000_000));
        var created = as(Role.ADMIN).post("/api/v1/trust/outbound-numbers", Map.of("phone", phone, "label", "台北客服中心"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return phone;
    }

    private StaffUser agentNamed(String displayName) {
        return staff.create(new NewStaffUser("agent-" + Ids.randomToken(4), displayName, Role.AGENT, "組-" + Ids.randomToken(3), PASSWORD));
    }

    private String customer(Http agent, String phone) {
        var created = agent.post("/api/v1/customers", Map.of("name", "林美華", "phone", phone));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private String call(Http agent, String customerId) {
        var call = agent.post("/api/v1/calls", Map.of("customerId", customerId, "direction", "OUTBOUND"));
        assertThat(call.status()).as(call.toString()).isEqualTo(201);
        return call.json().get("id").asString();
    }

    private void end(Http agent, String callId) {
        var ended = agent.post("/api/v1/calls/" + callId + "/end", Map.of("disposition", "NO_SALE"));
        assertThat(ended.status()).as(ended.toString()).isEqualTo(200);
    }

    private JsonNode check(Map<String, String> body) {
        var answer = consumer().post(CHECKS, body);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    @Test
    void aRegisteredNumberIsVerifiedAndAnUnknownOneIsNot() {
        String ours = registered();
        JsonNode yes = check(Map.of("phone", ours));
        assertThat(yes.get("verified").asBoolean()).isTrue();
        assertThat(yes.get("company").asString()).isNotBlank();
        assertThat(yes.get("activeCall").asBoolean()).isFalse();
        assertThat(yes.has("agentName")).isFalse();

        JsonNode no = check(Map.of("phone", "+886 2 2345 6789".equals(ours) ? "+886223456780" : "+886 2 2345 6789"));
        assertThat(no.get("verified").asBoolean()).isFalse();
        assertThat(no.get("activeCall").asBoolean()).isFalse();
        assertThat(no.properties().stream().map(Map.Entry::getKey).toList()).containsExactly("verified", "company", "activeCall");
    }

    @Test
    void aNumberTypedNationallyMatchesItsRegistration() {
        String ours = registered();
        String national = "0" + ours.substring(4, 5) + "-" + ours.substring(5, 9) + "-" + ours.substring(9);
        assertThat(check(Map.of("phone", national)).get("verified").asBoolean()).as(national).isTrue();
    }

    @Test
    void aRemovedNumberIsNoLongerVerified() {
        String phone = registered();
        var list = as(Role.ADMIN).get("/api/v1/trust/outbound-numbers?limit=500").json().get("items");
        String id = null;
        for (JsonNode number : list) {
            if (number.get("phone").asString().equals(phone)) {
                id = number.get("id").asString();
            }
        }
        assertThat(as(Role.ADMIN).method("DELETE", "/api/v1/trust/outbound-numbers/" + id).status()).isEqualTo(204);
        assertThat(check(Map.of("phone", phone)).get("verified").asBoolean()).isFalse();
        assertThat(as(Role.ADMIN).get("/api/v1/trust/outbound-numbers/" + id).status()).isEqualTo(404);
    }

    @Test
    void aNumberIsRegisteredOnceAndMustBeValid() {
        String phone = registered();
        var again = as(Role.ADMIN).post("/api/v1/trust/outbound-numbers", Map.of("phone", phone, "label", "again"));
        assertThat(again.status()).isEqualTo(409);
        var invalid = as(Role.ADMIN).post("/api/v1/trust/outbound-numbers", Map.of("phone", "12345", "label", "x"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("errors").get(0).get("field").asString()).isEqualTo("phone");
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void onlyAdminsManageOutboundNumbers(Role role) {
        int expected = role == Role.ADMIN ? 200 : 403;
        assertThat(as(role).get("/api/v1/trust/outbound-numbers").status()).isEqualTo(expected);
        String phone = "+8862" + (20_000_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(70_000_000));
        var created = as(role).post("/api/v1/trust/outbound-numbers", Map.of("phone", phone, "label", "by " + role));
        assertThat(created.status()).isEqualTo(role == Role.ADMIN ? 201 : 403);
        assertThat(http().get("/api/v1/trust/outbound-numbers").status()).isEqualTo(401);
    }

    @Test
    void theConsumerLearnsThatAnAgentIsOnACallWithThemAndItsFirstNameOnly() {
        StaffUser agent = agentNamed("志明 陳");
        Http asAgent = as(agent);
        String phone = Consumers.newPhone();
        String customerId = customer(asAgent, phone);
        String ours = registered();
        String callId = call(asAgent, customerId);

        JsonNode live = await().atMost(Duration.ofSeconds(10)).until(
                () -> check(Map.of("phone", ours, "yourPhone", phone)), answer -> answer.get("activeCall").asBoolean());
        assertThat(live.get("verified").asBoolean()).isTrue();
        assertThat(live.get("agentName").asString()).isEqualTo("志明");
        assertThat(live.toString()).doesNotContain("林美華").doesNotContain(customerId).doesNotContain(callId)
                .doesNotContain(agent.id()).doesNotContain("陳");

        end(asAgent, callId);
        JsonNode after = await().atMost(Duration.ofSeconds(10)).until(
                () -> check(Map.of("phone", ours, "yourPhone", phone)), answer -> !answer.get("activeCall").asBoolean());
        assertThat(after.has("agentName")).isFalse();
    }

    @Test
    void aCustomerOnNoCallAndSomeoneWhoIsNoCustomerGetTheSameAnswer() {
        StaffUser agent = newUser(Role.AGENT);
        String customerPhone = Consumers.newPhone();
        customer(as(agent), customerPhone);
        String strangerPhone = Consumers.newPhone();
        String ours = registered();

        JsonNode customer = check(Map.of("phone", ours, "yourPhone", customerPhone));
        JsonNode stranger = check(Map.of("phone", ours, "yourPhone", strangerPhone));
        assertThat(customer).isEqualTo(stranger);
        JsonNode customerUnknownCaller = check(Map.of("phone", "+886223456789", "yourPhone", customerPhone));
        JsonNode strangerUnknownCaller = check(Map.of("phone", "+886223456789", "yourPhone", strangerPhone));
        assertThat(customerUnknownCaller).isEqualTo(strangerUnknownCaller);
    }

    @Test
    void anInvalidNumberIsA400NamingTheField() {
        var answer = consumer().post(CHECKS, Map.of("phone", "not a number"));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo("phone");
        var own = consumer().post(CHECKS, Map.of("phone", "+886223456789", "yourPhone", "12"));
        assertThat(own.json().get("errors").get(0).get("field").asString()).isEqualTo("yourPhone");
        assertThat(consumer().post(CHECKS, Map.of()).status()).isEqualTo(400);
        assertThat(consumer().post(CHECKS, Map.of("phone", "+886223456789", "code", "12345678")).status()).isEqualTo(400);
        assertThat(consumer().post(CHECKS, Map.of("code", "12345678", "yourPhone", "+886912345678")).status()).isEqualTo(400);
    }

    @Test
    void theAgentsCallCodeVerifiesTheCallWhileItLastsAndNotAfter() {
        StaffUser agent = agentNamed("美玲 王");
        Http asAgent = as(agent);
        String callId = call(asAgent, customer(asAgent, Consumers.newPhone()));

        var issued = asAgent.get("/api/v1/calls/" + callId + "/code");
        assertThat(issued.status()).as(issued.toString()).isEqualTo(200);
        String code = issued.json().get("code").asString();
        assertThat(code).matches("[0-9]{8}");
        assertThat(issued.json().get("display").asString()).isEqualTo(code.substring(0, 4) + " " + code.substring(4));
        assertThat(asAgent.get("/api/v1/trust/call-codes?callId=" + callId).json().get("code").asString())
                .as("the screen shows the same code again").isEqualTo(code);

        JsonNode genuine = check(Map.of("code", code.substring(0, 4) + " " + code.substring(4)));
        assertThat(genuine.get("verified").asBoolean()).isTrue();
        assertThat(genuine.get("activeCall").asBoolean()).isTrue();
        assertThat(genuine.get("agentName").asString()).isEqualTo("美玲");
        assertThat(genuine.toString()).doesNotContain(callId).doesNotContain(agent.id());

        end(asAgent, callId);
        JsonNode expired = check(Map.of("code", code));
        assertThat(expired.get("verified").asBoolean()).as("the call ended: its code is void at once").isFalse();
        assertThat(expired.has("agentName")).isFalse();
        assertThat(asAgent.get("/api/v1/calls/" + callId + "/code").status()).as("no code for an ended call").isEqualTo(409);
    }

    @Test
    void forgedCodesFailAndLookLikeAnyOtherWrongCode() {
        StaffUser agent = newUser(Role.AGENT);
        Http asAgent = as(agent);
        String callId = call(asAgent, customer(asAgent, Consumers.newPhone()));
        String code = asAgent.get("/api/v1/calls/" + callId + "/code").json().get("code").asString();
        String forged = String.format("%08d", (Integer.parseInt(code) + 1) % 100_000_000);

        JsonNode wrong = check(Map.of("code", forged));
        assertThat(wrong.get("verified").asBoolean()).isFalse();
        for (String attempt : new String[]{"1234", "abcdefgh", "' or '1'='1", "4821O937", code + "0"}) {
            assertThat(check(Map.of("code", attempt))).as(attempt).isEqualTo(wrong);
        }
        end(asAgent, callId);
    }

    @Test
    void onlyTheAgentOnTheCallGetsItsCode() {
        StaffUser agent = newUser(Role.AGENT, "組-" + Ids.randomToken(3));
        String callId = call(as(agent), customer(as(agent), Consumers.newPhone()));
        assertThat(as(newUser(Role.AGENT)).get("/api/v1/calls/" + callId + "/code").status())
                .as("another agent: as if there were no such call").isEqualTo(404);
        assertThat(as(newUser(Role.SUPERVISOR, agent.team())).get("/api/v1/calls/" + callId + "/code").status()).isEqualTo(403);
        assertThat(as(Role.ADMIN).get("/api/v1/calls/" + callId + "/code").status()).isEqualTo(403);
        assertThat(http().get("/api/v1/calls/" + callId + "/code").status()).isEqualTo(401);
        assertThat(as(agent).get("/api/v1/calls/call_unknown/code").status()).isEqualTo(404);
        end(as(agent), callId);
    }

    @Test
    void theVerifyPageSpeaksThreeLanguagesAndSaysWhatWeNeverAskFor() {
        var traditional = consumer().header("Accept-Language", "zh-TW").get("/verify");
        assertThat(traditional.status()).isEqualTo(200);
        assertThat(traditional.body()).contains("PIN 碼").contains("簡訊收到的驗證碼").contains("遠端遙控")
                .contains("安全帳戶").contains("快遞").contains("卡片密碼");
        assertThat(traditional.header("Content-Security-Policy")).contains("script-src 'self'").contains("object-src 'none'");
        assertThat(traditional.body()).doesNotContain("<script").doesNotContain("_csrf");
        assertThat(java.util.Objects.toString(traditional.header("Set-Cookie"), "")).as("no session for a consumer").doesNotContain("TELEPAY_SESSION");

        var simplified = consumer().header("Accept-Language", "zh-CN").get("/verify");
        assertThat(simplified.body()).contains("短信收到的验证码").contains("安全账户").contains("远程控制");
        var english = consumer().header("Accept-Language", "en").get("/verify");
        assertThat(english.body()).contains("your card PIN").contains("safe account").contains("courier")
                .contains("remote-control").contains("SMS");
        assertThat(consumer().get("/verify?lang=zh-CN").body()).contains("确认来电");
    }

    @Test
    void theVerifyPageListsTheNumbersWeCallFromAsAPhoneShowsThemAndEachOneChecksOut() {
        registered();
        String page = consumer().header("Accept-Language", "zh-TW").get("/verify").body();
        java.util.regex.Matcher listed = java.util.regex.Pattern.compile("data-testid=\"official-number\">([^<]+)<").matcher(page);
        List<String> shown = new java.util.ArrayList<>();
        while (listed.find()) {
            shown.add(listed.group(1));
        }
        assertThat(shown).isNotEmpty().hasSizeLessThanOrEqualTo(30);
        assertThat(shown).as("Taiwan's own numbers as a phone there shows them").anyMatch(n -> n.matches("0\\d[\\d ]+"));
        assertThat(page).contains("來電顯示的號碼可以被偽造");
        for (String number : shown.subList(0, Math.min(5, shown.size()))) {
            assertThat(check(Map.of("phone", number)).get("verified").asBoolean()).as(number).isTrue();
        }
    }

    @Test
    void theVerifyPageChecksANumberAndACodeWithPlainForms() {
        String ours = registered();
        var yes = consumer().header("Accept-Language", "en").postForm("/verify/number", Map.of("phone", ours, "yourPhone", ""));
        assertThat(yes.status()).as(yes.toString()).isEqualTo(200);
        assertThat(yes.body()).contains("is one of the numbers");
        var no = consumer().header("Accept-Language", "en").postForm("/verify/number",
                Map.of("phone", "+886223456789", "yourPhone", Consumers.newPhone()));
        assertThat(no.body()).contains("is not a number").contains("None of our agents is on a call with your number");
        var bad = consumer().header("Accept-Language", "en").postForm("/verify/number", Map.of("phone", "<b>x</b>"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("&lt;b&gt;x&lt;/b&gt;").doesNotContain("<b>x</b>");
        var code = consumer().header("Accept-Language", "zh-TW").postForm("/verify/code", Map.of("code", "0000 0000"));
        assertThat(code.status()).isEqualTo(200);
        assertThat(code.body()).contains("這組代碼不屬於我們任何一通進行中的通話");
    }

    @Test
    void checkAnswersCarryNoCustomerDataWhateverIsAsked() {
        Map<String, String> body = new HashMap<>();
        body.put("phone", registered());
        body.put("yourPhone", Consumers.newPhone());
        JsonNode answer = check(body);
        assertThat(answer.properties().stream().map(Map.Entry::getKey).toList())
                .isSubsetOf("verified", "company", "agentName", "activeCall");
    }
}
