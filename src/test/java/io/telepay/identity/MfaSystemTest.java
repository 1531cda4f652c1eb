package io.telepay.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.telepay.shared.Role;
import io.telepay.testing.ConsoleSession;
import io.telepay.testing.Http;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class MfaSystemTest extends SystemTest {

    @Autowired
    Mfa mfa;

    @Test
    void aUserEnrolsWithACodeFromTheirAppAndAReplayedCodeIsRefused() {
        StaffUser analyst = newUser(Role.RISK_ANALYST);
        Http client = as(analyst);
        var enrolment = client.post("/api/v1/me/mfa/enrolment", Map.of()).json();
        String secret = enrolment.get("secret").asString();
        assertThat(enrolment.get("otpauthUri").asString()).startsWith("otpauth://totp/").contains("secret=" + secret);
        assertThat(enrolment.get("qrCodeSvg").asString()).startsWith("<svg");

        assertThat(client.post("/api/v1/me/mfa/confirm", Map.of("code", "000000")).status()).isEqualTo(422);
        String code = mfa.codeAt(secret, clock.instant());
        assertThat(client.post("/api/v1/me/mfa/confirm", Map.of("code", code)).status()).isEqualTo(200);
        assertThat(mfa.enabled(analyst.id())).isTrue();

        assertThat(mfa.verify(analyst.id(), code)).as("the same code a second time").isFalse();
        clock.advance(Duration.ofSeconds(30));
        assertThat(mfa.verify(analyst.id(), mfa.codeAt(secret, clock.instant()))).isTrue();
    }

    @Test
    void anEnrolledFactorCannotBeResetWithTheUsersKeyOnlyByAnAdmin() {
        StaffUser agent = newUser(Role.AGENT);
        String secret = mfa.startEnrolment(agent.id(), agent.username()).secret();
        assertThat(mfa.confirm(agent.id(), mfa.codeAt(secret, clock.instant()))).isTrue();

        assertThat(as(agent).post("/api/v1/me/mfa/enrolment", Map.of()).status()).isEqualTo(409);
        assertThat(as(Role.ADMIN).post("/api/v1/users/" + agent.id() + "/mfa/reset", Map.of()).json()
                .get("mfaEnabled").asBoolean()).isFalse();
    }

    @Test
    void theConsoleAsksForTheSecondFactorBeforeGrantingTheRole() {
        StaffUser analyst = newUser(Role.RISK_ANALYST);
        String secret = mfa.startEnrolment(analyst.id(), analyst.username()).secret();
        mfa.confirm(analyst.id(), mfa.codeAt(secret, clock.instant()));
        clock.advance(Duration.ofSeconds(30));

        ConsoleSession browser = new ConsoleSession(base());
        assertThat(browser.signIn(analyst.username(), PASSWORD).header("Location")).endsWith("/login/mfa");
        assertThat(browser.http().get("/console").status()).as("no role before the code").isIn(302, 403);

        var wrong = browser.submit("/login/mfa", "/login/mfa", Map.of("code", "123456"));
        assertThat(wrong.header("Location")).endsWith("/login/mfa?error");

        var right = browser.submit("/login/mfa", "/login/mfa", Map.of("code", mfa.codeAt(secret, clock.instant())));
        assertThat(right.header("Location")).endsWith("/console");
        assertThat(browser.http().get("/console").status()).isEqualTo(200);
    }
}
