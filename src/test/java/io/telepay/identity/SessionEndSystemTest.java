package io.telepay.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.telepay.shared.Role;
import io.telepay.testing.ConsoleSession;
import io.telepay.testing.Http;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;

/**
 * A change to a user's access ends what they hold at once: their console sessions (checked against the
 * database on every request, so another instance's change counts too) and, on a disable or a role
 * change, their API keys, which enabling the user again does not bring back. Keys may carry an expiry.
 */
class SessionEndSystemTest extends SystemTest {

    private ConsoleSession signedIn(StaffUser user, String password) {
        ConsoleSession browser = new ConsoleSession(base());
        assertThat(browser.signIn(user.username(), password).header("Location")).endsWith(ConsoleSession.home(user));
        assertThat(browser.http().get("/console").status()).isEqualTo(200);
        return browser;
    }

    private static void assertSignedOut(ConsoleSession browser) {
        var page = browser.http().get("/console");
        assertThat(page.status()).as(page.toString()).isEqualTo(302);
        assertThat(page.header("Location")).contains("/login");
    }

    @Test
    void disablingAUserEndsTheirConsoleSessionAtOnce() {
        StaffUser agent = newUser(Role.AGENT);
        ConsoleSession browser = signedIn(agent, PASSWORD);
        ConsoleSession secondBrowser = signedIn(agent, PASSWORD);

        var disabled = as(Role.ADMIN).post("/api/v1/users/" + agent.id() + "/disable", Map.of());
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);

        assertSignedOut(browser);
        assertSignedOut(secondBrowser);
        // enabled again, the old cookie stays dead: only a new sign-in opens the console
        as(Role.ADMIN).post("/api/v1/users/" + agent.id() + "/enable", Map.of());
        assertSignedOut(browser);
        signedIn(agent, PASSWORD);
    }

    @Test
    void aChangeWrittenByAnotherInstanceEndsTheSessionToo() {
        StaffUser agent = newUser(Role.AGENT);
        ConsoleSession browser = signedIn(agent, PASSWORD);
        // what another instance's disable leaves in the shared database; this instance holds no state about it
        jdbc.sql("update staff_user set enabled = false where id = :id").param("id", agent.id()).update();
        assertSignedOut(browser);
    }

    @Test
    void aRoleChangeEndsTheSessionAndRevokesTheUsersKeys() {
        StaffUser supervisor = newUser(Role.SUPERVISOR);
        ConsoleSession browser = signedIn(supervisor, PASSWORD);
        Http key = as(supervisor);
        assertThat(key.get("/api/v1/me").status()).isEqualTo(200);

        var changed = as(Role.ADMIN).post("/api/v1/users/" + supervisor.id() + "/role", Map.of("role", "AGENT"));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("role").asString()).isEqualTo("AGENT");

        assertSignedOut(browser);
        assertThat(key.get("/api/v1/me").status()).as("the key carried the old role").isEqualTo(401);
        var actions = jdbc.sql("select action from audit_entry where subject = :id").param("id", supervisor.id()).query(String.class).list();
        assertThat(actions).contains("user.role-changed");
    }

    @Test
    void aPasswordResetEndsTheSessionSignedInWithTheOldPassword() {
        StaffUser agent = newUser(Role.AGENT);
        ConsoleSession browser = signedIn(agent, PASSWORD);
        String newPassword = "a brand new long passphrase 七";
        var reset = as(Role.ADMIN).post("/api/v1/users/" + agent.id() + "/password", Map.of("password", newPassword));
        assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
        assertThat(reset.body()).doesNotContain(newPassword);

        assertSignedOut(browser);
        assertThat(new ConsoleSession(base()).signIn(agent.username(), PASSWORD).header("Location")).endsWith("/login?error");
        signedIn(agent, newPassword);
    }

    @Test
    void reEnablingAUserDoesNotReviveKeysIssuedBeforeTheDisable() {
        StaffUser agent = newUser(Role.AGENT);
        Http oldKey = as(agent);
        assertThat(oldKey.get("/api/v1/me").status()).isEqualTo(200);

        as(Role.ADMIN).post("/api/v1/users/" + agent.id() + "/disable", Map.of());
        assertThat(oldKey.get("/api/v1/me").status()).isEqualTo(401);
        as(Role.ADMIN).post("/api/v1/users/" + agent.id() + "/enable", Map.of());

        assertThat(oldKey.get("/api/v1/me").status()).as("a key issued before the disable").isEqualTo(401);
        assertThat(as(agent).get("/api/v1/me").status()).as("a key issued after").isEqualTo(200);
    }

    @Test
    void aKeyWithAnExpiryIsRefusedFromThenOn() {
        Http admin = as(Role.ADMIN);
        var created = admin.post("/api/v1/api-keys", Map.of("name", "bridge until tonight", "role", "TELEPHONY",
                "expiresAt", clock.instant().plus(Duration.ofHours(1)).toString()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("expiresAt").asString()).isNotEmpty();
        String id = created.json().get("id").asString();
        assertThat(admin.get("/api/v1/api-keys/" + id).json().get("expiresAt").asString()).isNotEmpty();
        Http key = new Http(base(), created.json().get("key").asString());
        assertThat(key.get("/api/v1/me").status()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(61));
        assertThat(key.get("/api/v1/me").status()).isEqualTo(401);

        var past = admin.post("/api/v1/api-keys", Map.of("name", "already over", "role", "ADMIN",
                "expiresAt", clock.instant().minusSeconds(1).toString()));
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.json().get("errors").get(0).get("field").asString()).isEqualTo("expiresAt");
    }
}
