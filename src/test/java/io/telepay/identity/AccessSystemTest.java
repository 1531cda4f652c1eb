package io.telepay.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.telepay.shared.Role;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Who may do what with staff, keys and the audit log, for every role. */
class AccessSystemTest extends SystemTest {

    @ParameterizedTest
    @EnumSource(Role.class)
    void onlyAdminsManageUsersAndKeys(Role role) {
        int expected = role == Role.ADMIN ? 200 : 403;
        var client = as(role);
        assertThat(client.get("/api/v1/users").status()).isEqualTo(expected);
        assertThat(client.get("/api/v1/api-keys").status()).isEqualTo(expected);
        var created = client.post("/api/v1/api-keys", Map.of("name", "by " + role, "role", "AGENT"));
        assertThat(created.status()).isEqualTo(role == Role.ADMIN ? 201 : 403);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void onlyAuditorsAndAdminsReadTheAuditLog(Role role) {
        int expected = role == Role.ADMIN || role == Role.AUDITOR ? 200 : 403;
        assertThat(as(role).get("/api/v1/audit").status()).isEqualTo(expected);
        assertThat(as(role).get("/api/v1/audit/verify").status()).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void everyoneSignedInSeesThemselvesAndNobodyElseAnonymously(Role role) {
        assertThat(as(role).get("/api/v1/me").json().get("role").asString()).isEqualTo(role.name());
        assertThat(http().get("/api/v1/me").status()).isEqualTo(401);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void metricsAreForAdminsAndAuditorsHealthForEveryone(Role role) {
        int expected = role == Role.ADMIN || role == Role.AUDITOR ? 200 : 403;
        assertThat(as(role).get("/actuator/prometheus").status()).isEqualTo(expected);
        assertThat(http().get("/actuator/health").status()).isEqualTo(200);
    }
}
