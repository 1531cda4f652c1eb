package io.telepay.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.telepay.shared.Role;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;

class OperationsSystemTest extends SystemTest {

    @Test
    void healthHasLivenessAndReadinessWithTheDatabase() {
        assertThat(http().get("/actuator/health").json().get("status").asString()).isEqualTo("UP");
        assertThat(http().get("/actuator/health/liveness").json().get("status").asString()).isEqualTo("UP");
        assertThat(http().get("/actuator/health/readiness").json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusMetricsAreServed() {
        var metrics = as(Role.ADMIN).get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests").contains("hikaricp_connections");
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        var docs = http().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/api/v1/users")).isTrue();
        assertThat(docs.json().get("paths").has("/api/v1/audit/verify")).isTrue();
        assertThat(http().get("/swagger-ui/index.html").status()).isEqualTo(200);
    }
}
