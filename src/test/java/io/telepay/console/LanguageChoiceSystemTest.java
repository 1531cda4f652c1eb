package io.telepay.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.telepay.identity.StaffUser;
import io.telepay.shared.Role;
import io.telepay.testing.ConsoleSession;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;

/**
 * {@code ?lang=} on a console GET changes that page only: a link from another site stores nothing about the
 * user and writes no audit entry. The language form (a POST with its CSRF token) stores the choice.
 */
class LanguageChoiceSystemTest extends SystemTest {

    private String storedLocale(StaffUser user) {
        return jdbc.sql("select locale from staff_user where id = :id").param("id", user.id()).query(String.class).optional().orElse(null);
    }

    private long localeAudits(StaffUser user) {
        return jdbc.sql("select count(*) from audit_entry where subject = :id and action = 'user.locale-changed'")
                .param("id", user.id()).query(Long.class).single();
    }

    @Test
    void aGetWithLangStoresNothingAndThePostedFormDoes() {
        StaffUser agent = newUser(Role.AGENT);
        ConsoleSession browser = new ConsoleSession(base());
        browser.signIn(agent.username(), PASSWORD);

        var page = browser.http().get("/console?lang=zh-CN");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("lang=\"zh-CN\"");
        assertThat(storedLocale(agent)).as("a cross-site link stores nothing").isNull();
        assertThat(localeAudits(agent)).isZero();

        var noToken = browser.http().postForm("/console/language", Map.of("lang", "zh-TW", "back", "/console"));
        assertThat(noToken.status()).isEqualTo(403);
        assertThat(storedLocale(agent)).isNull();

        var chosen = browser.submit("/console", "/console/language", Map.of("lang", "zh-TW", "back", "/console/me"));
        assertThat(chosen.status()).isEqualTo(302);
        assertThat(chosen.header("Location")).endsWith("/console/me");
        assertThat(storedLocale(agent)).isEqualTo("zh-TW");
        assertThat(localeAudits(agent)).isEqualTo(1);

        var elsewhere = browser.submit("/console", "/console/language", Map.of("lang", "en", "back", "https://evil.example/console"));
        assertThat(elsewhere.header("Location")).endsWith("/console").doesNotContain("evil");
    }
}
