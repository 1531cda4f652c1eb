package io.telepay.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.telepay.TelepayApplication;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** {@code java -jar telepay.jar audit verify} against the same database: 0 when intact, 1 when tampered. */
class AuditVerifyCommandSystemTest extends SystemTest {

    @Autowired
    AuditTrail trail;

    @Value("${spring.datasource.url}")
    String url;

    @Value("${spring.datasource.username}")
    String user;

    @Test
    void theCommandExitsZeroOnAnIntactChainAndOneOnATamperedOne() {
        trail.record("test.command", "cli", Map.of());
        String[] args = {"--spring.profiles.active=test", "--spring.datasource.url=" + url, "--spring.datasource.username=" + user};
        assertThat(TelepayApplication.runCommand("audit-verify", args)).isZero();

        long seq = jdbc.sql("select max(seq) from audit_entry").query(Long.class).single();
        String original = jdbc.sql("select action from audit_entry where seq = :s").param("s", seq).query(String.class).single();
        jdbc.sql("update audit_entry set action = 'test.forged' where seq = :s").param("s", seq).update();
        try {
            assertThat(TelepayApplication.runCommand("audit-verify", args)).isEqualTo(1);
        } finally {
            jdbc.sql("update audit_entry set action = :a where seq = :s").param("a", original).param("s", seq).update();
        }
    }
}
