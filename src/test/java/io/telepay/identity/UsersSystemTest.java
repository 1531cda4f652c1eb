package io.telepay.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.telepay.shared.Ids;
import io.telepay.shared.Role;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;

class UsersSystemTest extends SystemTest {

    @Test
    void anAdminCreatesAUserWhosePasswordIsHashed() {
        String username = "chen-" + Ids.randomToken(4);
        var response = as(Role.ADMIN).post("/api/v1/users", Map.of("username", username, "displayName", "陳志明",
                "role", "AGENT", "password", "藍色的海洋與白色的沙灘和天空", "team", "台北一組"));
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("id").asString()).startsWith("usr_");
        assertThat(response.json().get("role").asString()).isEqualTo("AGENT");
        assertThat(response.body()).doesNotContain("藍色的海洋與").doesNotContainIgnoringCase("password");

        String hash = jdbc.sql("select password_hash from staff_user where username = :u").param("u", username)
                .query(String.class).single();
        assertThat(hash).startsWith("{bcrypt}").doesNotContain("藍色");
    }

    @Test
    void commonAndShortPasswordsAreRefusedNamingThePassword() {
        for (String password : new String[] {"password1234", "short", "iloveyou123456"}) {
            var response = as(Role.ADMIN).post("/api/v1/users", Map.of("username", "u" + Ids.randomToken(4),
                    "displayName", "X", "role", "AGENT", "password", password));
            assertThat(response.status()).as(password).isEqualTo(400);
            assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
        }
    }

    @Test
    void aTakenUsernameIs409() {
        var user = newUser(Role.AGENT);
        var response = as(Role.ADMIN).post("/api/v1/users", Map.of("username", user.username().toUpperCase(),
                "displayName", "X", "role", "AGENT", "password", PASSWORD));
        assertThat(response.status()).isEqualTo(409);
    }

    @Test
    void hugeAndHostileStringsAreRefusedOrStoredAsText() {
        var huge = as(Role.ADMIN).post("/api/v1/users", Map.of("username", "u" + Ids.randomToken(4),
                "displayName", "名".repeat(100_000), "role", "AGENT", "password", PASSWORD));
        assertThat(huge.status()).isEqualTo(400);

        String hostile = "<script>alert(1)</script>'; drop table staff_user; --";
        var created = as(Role.ADMIN).post("/api/v1/users", Map.of("username", "u" + Ids.randomToken(4),
                "displayName", hostile, "role", "AGENT", "password", PASSWORD));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("displayName").asString()).isEqualTo(hostile);
    }
}
