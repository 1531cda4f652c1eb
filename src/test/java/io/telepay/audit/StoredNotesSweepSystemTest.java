package io.telepay.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.telepay.redaction.StoredNotesSweep;
import io.telepay.customer.CustomerFixtures;
import io.telepay.identity.StaffUser;
import io.telepay.shared.Db;
import io.telepay.shared.Ids;
import io.telepay.shared.Role;
import io.telepay.testing.Http;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 17's one-off sweep (V161): a note and a fraud report stored in clear before the redactor read every
 * way of writing a card number are rewritten, the note's old findings move with its text, and each rewritten
 * row gets one audit entry, MAC'd and chained like any other.
 */
class StoredNotesSweepSystemTest extends SystemTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    PendingAuditEntries pending;

    @Autowired
    AuditSequencer sequencer;

    @Autowired
    AuditLog log;

    @Test
    void aNoteAndAReportStoredInClearAreRedactedAndEachRowAuditedOnce() throws Exception {
        StaffUser agentUser = newUser(Role.AGENT);
        Http agent = as(agentUser);
        String customer = agent.post("/api/v1/customers", Map.of("name", "林美玲", "phone", CustomerFixtures.taiwanMobile()))
                .json().get("id").asString();
        String callId = agent.post("/api/v1/calls", Map.of("customerId", customer, "direction", "OUTBOUND")).json().get("id").asString();
        // as the old redactor stored it: its own finding for the PIN, the dotted card number left in clear
        String body = "提款密碼 [PIN removed]，客戶又念了 4111.1111.1111.1111 和 四一一一 一一一一 一一一一 一一一一，背面三碼是九八〇。";
        String oldFindings = "[{\"kind\":\"PIN\",\"placeholder\":\"[PIN removed]\",\"reason\":\"PIN after the keyword\",\"start\":5,\"end\":18}]";
        String noteId = Ids.next("note_");
        jdbc.sql("""
                insert into call_note (id, call_id, author_id, body, findings, requests, phrases, created_at)
                values (:id, :call, :author, :body, :findings, '[]', '[]', :at)""")
                .param("id", noteId).param("call", callId).param("author", agentUser.id()).param("body", body)
                .param("findings", oldFindings).param("at", Db.ts(clock.instant())).update();
        String honestId = Ids.next("note_");
        String honest = "訂單 ORD-2026-0042，電話 0912.345.678，2026/12/01 下午 3:30 回電，金額 NT$1,999.00。";
        jdbc.sql("""
                insert into call_note (id, call_id, author_id, body, findings, requests, phrases, created_at)
                values (:id, :call, :author, :body, '[]', '[]', '[]', :at)""")
                .param("id", honestId).param("call", callId).param("author", agentUser.id()).param("body", honest)
                .param("at", Db.ts(clock.instant())).update();
        String reportId = "rpt_" + Ids.randomToken(10);
        jdbc.sql("""
                insert into trust_report (id, status, source, description, asked_for, contact, received_at, updated_at)
                values (:id, 'RECEIVED', 'FORM', :text, '', 'someone@example.com', :at, :at)""")
                .param("id", reportId).param("text", "他叫我念卡號 4111\t1111\t1111\t1111 給他").param("at", Db.ts(clock.instant())).update();

        try (Connection connection = dataSource.getConnection()) {
            assertThat(StoredNotesSweep.sweep(connection, clock.instant())).isGreaterThanOrEqualTo(2);
        }

        record Note(String body, String findings) {
        }
        Note note = jdbc.sql("select body, findings from call_note where id = :id").param("id", noteId).query(Note.class).single();
        assertThat(note.body()).isEqualTo("提款密碼 [PIN removed]，客戶又念了 [card number removed] 和 [card number removed]，背面三碼是[CVC removed]。");
        JsonNode findings = JsonMapper.builder().build().readTree(note.findings());
        assertThat(findings.valueStream().map(f -> f.get("kind").asString()).toList())
                .containsExactly("PIN", "CARD_NUMBER", "CARD_NUMBER", "CVC");
        for (JsonNode finding : findings) {
            assertThat(note.body().substring(finding.get("start").asInt(), finding.get("end").asInt()))
                    .isEqualTo(finding.get("placeholder").asString());
        }
        assertThat(jdbc.sql("select body from call_note where id = :id").param("id", honestId).query(String.class).single()).isEqualTo(honest);
        assertThat(jdbc.sql("select description from trust_report where id = :id").param("id", reportId).query(String.class).single())
                .isEqualTo("他叫我念卡號 [card number removed] 給他");

        assertThat(pending.recordAll()).isGreaterThanOrEqualTo(2);
        assertThat(pending.recordAll()).as("recorded once").isZero();
        sequencer.chainPending();
        record Entry(String details, String mac, Long seq) {
        }
        List<Entry> noteEntries = jdbc.sql("select details, mac, seq from audit_entry where action = 'call.note-redacted' and subject = :call")
                .param("call", callId).query(Entry.class).list();
        assertThat(noteEntries).singleElement().satisfies(entry -> {
            assertThat(entry.details()).contains(noteId).contains("CARD_NUMBER").contains("CVC").doesNotContain("4111");
            assertThat(entry.mac()).isNotNull();
            assertThat(entry.seq()).as("chained").isNotNull();
        });
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'trust.report-redacted' and subject = :id")
                .param("id", reportId).query(Long.class).single()).isEqualTo(1);
        assertThat(log.verify().ok()).isTrue();
    }
}
