package io.telepay.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Pattern;

import io.telepay.shared.Role;
import io.telepay.testing.ConsoleSession;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "telepay.mfa-required=true")
class MfaRequiredSystemTest extends SystemTest {

    @Autowired
    Mfa mfa;

    @Test
    void anAdminWithoutAFactorMustEnrolBeforeReachingTheConsole() {
        StaffUser admin = newUser(Role.ADMIN);
        ConsoleSession browser = new ConsoleSession(base());
        assertThat(browser.signIn(admin.username(), PASSWORD).header("Location")).endsWith("/login/mfa");

        String page = browser.http().get("/login/mfa").body();
        assertThat(page).contains("data:image/svg+xml;base64,");
        var secret = Pattern.compile("<code>([A-Z2-7]+)</code>").matcher(page);
        assertThat(secret.find()).isTrue();

        var done = browser.submit("/login/mfa", "/login/mfa", Map.of("code", mfa.codeAt(secret.group(1), clock.instant())));
        assertThat(done.header("Location")).endsWith("/console");
        assertThat(mfa.enabled(admin.id())).isTrue();
    }

    @Test
    void rolesThatDoNotRequireItSignInWithThePassword() {
        StaffUser agent = newUser(Role.AGENT);
        assertThat(new ConsoleSession(base()).signIn(agent.username(), PASSWORD).header("Location")).endsWith("/console/desk");
    }
}
