package io.telepay.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.telepay.shared.Role;
import io.telepay.testing.ConsoleSession;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;

class ConsoleLoginSystemTest extends SystemTest {

    @Test
    void aUserSignsInWithAHttpOnlySameSiteSessionAndSeesTheConsole() {
        StaffUser agent = newUser(Role.AGENT);
        ConsoleSession browser = new ConsoleSession(base());
        var signIn = browser.signIn(agent.username(), PASSWORD);
        assertThat(signIn.status()).isEqualTo(302);
        assertThat(signIn.header("Location")).as("an agent lands on the desk").endsWith("/console/desk");
        String cookie = signIn.headers().get("set-cookie").toString();
        assertThat(cookie).contains("TELEPAY_SESSION").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");

        var console = browser.http().get("/console");
        assertThat(console.status()).isEqualTo(200);
        assertThat(console.body()).contains(agent.displayName());
        assertThat(new ConsoleSession(base()).signIn(newUser(Role.SUPERVISOR).username(), PASSWORD).header("Location"))
                .as("the others land on the console's front page").endsWith("/console");
    }

    @Test
    void theConsoleNeedsASignInAndALoginWithoutCsrfTokenIsRefused() {
        assertThat(http().get("/console").status()).isEqualTo(302);
        StaffUser agent = newUser(Role.AGENT);
        var noToken = new ConsoleSession(base()).http().postForm("/login", Map.of("username", agent.username(), "password", PASSWORD));
        assertThat(noToken.status()).isEqualTo(403);
    }

    @Test
    void tenFailedSignInsLockTheAccountForThirtyMinutes() {
        StaffUser agent = newUser(Role.AGENT);
        ConsoleSession browser = new ConsoleSession(base());
        for (int i = 0; i < 10; i++) {
            assertThat(browser.signIn(agent.username(), "wrong password " + i).header("Location")).endsWith("/login?error");
        }
        assertThat(staff.get(agent.id()).lockedUntil()).isAfter(clock.instant().plus(Duration.ofMinutes(29)));
        assertThat(browser.signIn(agent.username(), PASSWORD).header("Location")).as("locked despite the right password")
                .endsWith("/login?error");

        clock.advance(Duration.ofMinutes(31));
        assertThat(browser.signIn(agent.username(), PASSWORD).header("Location")).endsWith("/console/desk");

        var actions = jdbc.sql("select action from audit_entry where subject = :id order by seq").param("id", agent.id())
                .query(String.class).list();
        assertThat(actions).contains("login.failed", "login.locked-out", "login.succeeded");
    }

    @Test
    void aDisabledUserCannotSignIn() {
        StaffUser agent = newUser(Role.AGENT);
        staff.setEnabled(agent.id(), false);
        assertThat(new ConsoleSession(base()).signIn(agent.username(), PASSWORD).header("Location")).endsWith("/login?error");
    }

    @Test
    void signingOutEndsTheSession() {
        StaffUser agent = newUser(Role.AGENT);
        ConsoleSession browser = new ConsoleSession(base());
        browser.signIn(agent.username(), PASSWORD);
        var out = browser.submit("/console", "/logout", Map.of());
        assertThat(out.header("Location")).endsWith("/login?signedOut");
        assertThat(browser.http().get("/console").status()).isEqualTo(302);
    }

    @Test
    void theLoginPageSpeaksThreeLanguages() {
        assertThat(http().header("Accept-Language", "zh-TW").get("/login").body()).contains("登入");
        assertThat(http().header("Accept-Language", "zh-CN").get("/login").body()).contains("登录");
        assertThat(http().header("Accept-Language", "en-US").get("/login").body()).contains("Sign in");
        assertThat(http().get("/login?lang=zh-CN").body()).contains("用户名");
    }
}
