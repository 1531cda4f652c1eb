package io.telepay.trust.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.telepay.shared.Role;
import io.telepay.testing.SystemTest;
import io.telepay.trust.Consumers;
import io.telepay.trust.Consumers.Files;
import io.telepay.trust.Consumers.Multipart;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Reports are kept for the retention period (two years by default), then purged with their evidence, audited. */
class ReportRetentionSystemTest extends SystemTest {

    @Autowired
    ReportRetention retention;

    private String submitted(String contact) {
        var created = new Multipart().field("description", "假冒客服要求提供信用卡密碼").field("contact", contact)
                .file("evidence", "錄音.mp3", "audio/mpeg", Files.mp3())
                .post(Consumers.fromNewAddress(base()), "/api/v1/public/reports");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("reference").asString();
    }

    private long count(String table, String column, String id) {
        return jdbc.sql("select count(*) from " + table + " where " + column + " = :id").param("id", id).query(Long.class).single();
    }

    @Test
    void aReportPastItsRetentionIsPurgedWithItsEvidenceAndThePurgeIsAudited() {
        String contact = Consumers.newPhone();
        String old = submitted(contact);
        as(Role.RISK_ANALYST).post("/api/v1/reports/" + old + "/links", Map.of("kind", "CARD", "id", "ab".repeat(32)));
        String sha256 = as(Role.ADMIN).get("/api/v1/reports/" + old).json().get("evidence").get(0).get("sha256").asString();
        assertThat(count("trust_evidence", "report_id", old)).isEqualTo(1);

        clock.advance(Duration.ofDays(2 * 366));
        try {
            String fresh = submitted(Consumers.newPhone());
            assertThat(retention.purgeExpired()).isGreaterThanOrEqualTo(1);

            assertThat(count("trust_report", "id", old)).isZero();
            assertThat(count("trust_evidence", "report_id", old)).isZero();
            assertThat(count("trust_custody", "report_id", old)).isZero();
            assertThat(count("trust_report_link", "report_id", old)).isZero();
            assertThat(count("trust_report", "id", fresh)).as("a report within its period stays").isEqualTo(1);
            assertThat(count("trust_evidence", "report_id", fresh)).isEqualTo(1);
            assertThat(as(Role.ADMIN).get("/api/v1/reports/" + old).status()).isEqualTo(404);
            assertThat(Consumers.fromNewAddress(base()).post("/api/v1/public/reports/status",
                    Map.of("reference", old, "contact", contact)).status()).isEqualTo(404);

            String details = jdbc.sql("select details from audit_entry where action = 'trust.report.purged' and subject = :id")
                    .param("id", old).query(String.class).single();
            assertThat(details).contains(sha256).contains("P2Y").contains("\"evidenceFiles\":1");
            assertThat(retention.purgeExpired()).as("purging again finds nothing more of it").isZero();
        } finally {
            clock.advance(Duration.ofDays(-2 * 366));
        }
    }

    @Test
    void aReportWithinItsRetentionStays() {
        String report = submitted(Consumers.newPhone());
        clock.advance(Duration.ofDays(700));
        try {
            retention.purgeExpired();
            assertThat(count("trust_report", "id", report)).isEqualTo(1);
            assertThat(count("trust_evidence", "report_id", report)).isEqualTo(1);
        } finally {
            clock.advance(Duration.ofDays(-700));
        }
    }
}
