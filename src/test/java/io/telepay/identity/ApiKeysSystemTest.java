package io.telepay.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.telepay.shared.Role;
import io.telepay.testing.Http;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;

class ApiKeysSystemTest extends SystemTest {

    @Test
    void aCreatedKeyIsShownOnceWorksAndIsStoredOnlyAsItsHash() {
        Http admin = as(Role.ADMIN);
        var created = admin.post("/api/v1/api-keys", Map.of("name", "IVR bridge 台北", "role", "TELEPHONY"));
        assertThat(created.status()).isEqualTo(201);
        String key = created.json().get("key").asString();
        String id = created.json().get("id").asString();
        assertThat(key).startsWith(created.json().get("prefix").asString() + "_");
        assertThat(key.length()).isGreaterThan(50);

        assertThat(http().as(key).get("/api/v1/me").json().get("role").asString()).isEqualTo("TELEPHONY");

        var listed = admin.get("/api/v1/api-keys/" + id);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(key).contains(created.json().get("prefix").asString());

        List<Map<String, Object>> rows = jdbc.sql("select * from api_key").query().listOfRows();
        assertThat(rows.toString()).doesNotContain(key).contains(ApiKeys.sha256(key));
    }

    @Test
    void aRevokedKeyStopsWorking() {
        Http admin = as(Role.ADMIN);
        var created = admin.post("/api/v1/api-keys", Map.of("name", "temporary", "role", "AUDITOR")).json();
        Http auditor = http().as(created.get("key").asString());
        assertThat(auditor.get("/api/v1/audit/verify").status()).isEqualTo(200);

        var revoked = admin.post("/api/v1/api-keys/" + created.get("id").asString() + "/revoke", Map.of());
        assertThat(revoked.json().hasNonNull("revokedAt")).isTrue();
        assertThat(auditor.get("/api/v1/audit/verify").status()).isEqualTo(401);
    }

    @Test
    void lastUseIsRecorded() {
        var created = apiKeys.create("last use", Role.AUDITOR, null);
        assertThat(apiKeys.get(created.id()).lastUsedAt()).isNull();
        http().as(created.key()).get("/api/v1/me");
        assertThat(apiKeys.get(created.id()).lastUsedAt()).isNotNull();
    }

    @Test
    void aKeyBoundToAUserActsAsThatUserAndDiesWithTheAccount() {
        StaffUser agent = newUser(Role.AGENT);
        Http asAgent = as(agent);
        var me = asAgent.get("/api/v1/me").json();
        assertThat(me.get("id").asString()).isEqualTo(agent.id());
        assertThat(me.get("kind").asString()).isEqualTo("user");

        as(Role.ADMIN).post("/api/v1/users/" + agent.id() + "/disable", Map.of());
        assertThat(asAgent.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void aBoundKeyMustCarryTheUsersRole() {
        StaffUser agent = newUser(Role.AGENT);
        var response = as(Role.ADMIN).post("/api/v1/api-keys", Map.of("name", "escalate", "role", "ADMIN", "userId", agent.id()));
        assertThat(response.status()).isEqualTo(422);
    }

    @Test
    void keyCreationIsAudited() {
        var created = as(Role.ADMIN).post("/api/v1/api-keys", Map.of("name", "audited", "role", "AUDITOR")).json();
        var entries = as(Role.AUDITOR).get("/api/v1/audit?subject=" + created.get("id").asString()).json().get("items");
        assertThat(entries.get(0).get("action").asString()).isEqualTo("api-key.created");
        assertThat(entries.toString()).doesNotContain(created.get("key").asString());
    }
}
