package io.telepay.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

import io.telepay.shared.Role;
import io.telepay.testing.ConsoleSession;
import io.telepay.testing.Http;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;

/**
 * Ten wrong passwords pause sign-ins of that user from that address only: the stranger who typed them
 * cannot lock the real user out from their own desk, and the user is told by e-mail.
 */
class LoginLockoutSystemTest extends SystemTest {

    private ConsoleSession from(String address) throws UnknownHostException {
        HttpClient client = HttpClient.newBuilder().localAddress(InetAddress.getByName(address)).cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        return new ConsoleSession(new Http("http://127.0.0.1:" + port, null, client));
    }

    @Test
    void tenWrongPasswordsFromOneAddressDoNotLockTheUserOutElsewhereAndTheUserIsMailed() throws UnknownHostException {
        String email = "lin." + System.nanoTime() + "@example.tw";
        StaffUser agent = staff.create(new NewStaffUser("agent-lock-" + System.nanoTime() % 100000, "林 志玲", Role.AGENT, "team-lock",
                PASSWORD, email));
        ConsoleSession stranger = from("127.0.0.23");
        for (int i = 0; i < 10; i++) {
            assertThat(stranger.signIn(agent.username(), "wrong password " + i).header("Location")).endsWith("/login?error");
        }
        assertThat(stranger.signIn(agent.username(), PASSWORD).header("Location")).as("locked at the stranger's address")
                .endsWith("/login?error");

        assertThat(from("127.0.0.24").signIn(agent.username(), PASSWORD).header("Location")).as("the user at their own desk")
                .endsWith("/console/desk");

        List<String> mails = jdbc.sql("select body from notify_message where recipient = :to and purpose = 'LOGIN_LOCKED'")
                .param("to", email).query(String.class).list();
        assertThat(mails).singleElement().asString().contains("127.0.0.23").contains(agent.username()).doesNotContain("wrong password 9");

        var locked = jdbc.sql("select action from audit_entry where subject = :id and action = 'login.locked-out'")
                .param("id", agent.id()).query(String.class).list();
        assertThat(locked).hasSize(1);

        clock.advance(Duration.ofMinutes(31));
        assertThat(stranger.signIn(agent.username(), PASSWORD).header("Location")).as("the pause is over").endsWith("/console/desk");
    }

    @Test
    void anAdminUnlockLiftsThePauseAtEveryAddress() throws UnknownHostException {
        StaffUser agent = newUser(Role.AGENT);
        ConsoleSession browser = from("127.0.0.25");
        for (int i = 0; i < 10; i++) {
            browser.signIn(agent.username(), "wrong password " + i);
        }
        assertThat(browser.signIn(agent.username(), PASSWORD).header("Location")).endsWith("/login?error");
        staff.unlock(agent.id());
        assertThat(browser.signIn(agent.username(), PASSWORD).header("Location")).endsWith("/console/desk");
    }
}
