package io.telepay.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.telepay.shared.Role;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Tampers with the stored log in each way an insider with database access could — change, delete,
 * reorder, cut the tail — and expects the verifier to find it. The log is restored after each test.
 */
class AuditChainSystemTest extends SystemTest {

    @Autowired
    AuditTrail trail;

    @Autowired
    AuditLog log;

    private List<Map<String, Object>> saved;
    private Map<String, Object> savedHead;
    private long first;

    @BeforeEach
    void writeSomeEntriesAndKeepACopy() {
        for (int i = 0; i < 5; i++) {
            trail.record("test.tamper", "subject-" + i, Map.of("n", i, "note", "客戶同意"));
        }
        assertThat(log.verify().ok()).isTrue();
        first = jdbc.sql("select max(seq) from audit_entry where action = 'test.tamper'").query(Long.class).single() - 4;
        saved = jdbc.sql("select * from audit_entry order by seq").query().listOfRows();
        savedHead = jdbc.sql("select * from audit_head").query().singleRow();
    }

    @AfterEach
    void restore() {
        jdbc.sql("delete from audit_entry").update();
        for (Map<String, Object> row : saved) {
            jdbc.sql("""
                    insert into audit_entry (id, seq, at, actor_id, actor_name, action, subject, origin, result, details, mac,
                        prev_hash, hash, rejected_at)
                    values (:id, :seq, :at, :actor_id, :actor_name, :action, :subject, :origin, :result, :details, :mac,
                        :prev_hash, :hash, :rejected_at)""")
                    .params(portable(row)).update();
        }
        jdbc.sql("update audit_head set seq = :seq, hash = :hash").params(savedHead).update();
        assertThat(log.verify().ok()).isTrue();
    }

    /** PostgreSQL hands timestamptz back as java.sql.Timestamp; write it back as an instant, not local time. */
    private static Map<String, Object> portable(Map<String, Object> row) {
        var copy = new java.util.HashMap<>(row);
        for (String column : List.of("at", "rejected_at")) {
            if (copy.get(column) instanceof java.sql.Timestamp ts) {
                copy.put(column, ts.toInstant().atOffset(java.time.ZoneOffset.UTC));
            }
        }
        return copy;
    }

    @Test
    void anEntryWrittenWithoutTheKeyIsNeverChainedAndIsReported() {
        jdbc.sql("""
                insert into audit_entry (id, at, actor_id, actor_name, action, subject, origin, result, details, mac)
                values ('aud_forged', :at, 'usr_admin', 'admin', 'refund.approved', 'ref_forged', 'internal', 'SUCCESS', null,
                    'not-a-mac')""")
                .param("at", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)).update();
        ChainVerification result = log.verify();
        assertThat(jdbc.sql("select seq from audit_entry where id = 'aud_forged'").query(Long.class).optional())
                .as("not chained").isEmpty();
        assertThat(result.ok()).isFalse();
        assertThat(result.problem()).contains("without the key");
    }

    @Test
    void anEntryChainedByHandWithoutTheKeyIsFound() {
        assertThat(log.verify().ok()).isTrue();
        long last = jdbc.sql("select max(seq) from audit_entry").query(Long.class).single();
        // linked to the last entry, its hash made up: the key is what the forger lacks
        jdbc.sql("""
                insert into audit_entry (id, seq, at, actor_id, actor_name, action, subject, origin, result, details, mac, prev_hash, hash)
                select 'aud_forged2', seq + 1, at, actor_id, actor_name, 'refund.approved', subject, origin, result, details, mac,
                    hash, :forged from audit_entry where seq = :seq""").param("seq", last).param("forged", "f".repeat(64)).update();
        jdbc.sql("update audit_head set seq = :seq, hash = :forged").param("seq", last + 1).param("forged", "f".repeat(64)).update();
        ChainVerification result = log.verify();
        assertThat(result.ok()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(last + 1);
    }

    @Test
    void aChangedEntryIsFound() {
        jdbc.sql("update audit_entry set details = '{\"n\":99}' where seq = :seq").param("seq", first + 2).update();
        var result = log.verify();
        assertThat(result.ok()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(first + 2);
    }

    @Test
    void aChangedActorIsFoundEvenWhenTheAttackerRecomputesAPlainHash() {
        jdbc.sql("update audit_entry set actor_id = 'usr_someone_else' where seq = :seq").param("seq", first + 1).update();
        assertThat(log.verify().firstBrokenSeq()).isEqualTo(first + 1);
    }

    @Test
    void aDeletedEntryIsFound() {
        jdbc.sql("delete from audit_entry where seq = :seq").param("seq", first + 3).update();
        var result = log.verify();
        assertThat(result.ok()).isFalse();
        assertThat(result.problem()).contains("missing");
    }

    @Test
    void aDeletedAndRenumberedEntryIsFound() {
        jdbc.sql("delete from audit_entry where seq = :seq").param("seq", first + 3).update();
        jdbc.sql("update audit_entry set seq = seq - 1 where seq > :seq").param("seq", first + 3).update();
        var result = log.verify();
        assertThat(result.ok()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(first + 3);
    }

    @Test
    void reorderedEntriesAreFound() {
        jdbc.sql("update audit_entry set seq = -1 where seq = :a").param("a", first + 1).update();
        jdbc.sql("update audit_entry set seq = :a where seq = :b").param("a", first + 1).param("b", first + 2).update();
        jdbc.sql("update audit_entry set seq = :b where seq = -1").param("b", first + 2).update();
        var result = log.verify();
        assertThat(result.ok()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(first + 1);
    }

    @Test
    void aCutTailIsFound() {
        jdbc.sql("delete from audit_entry where seq >= :seq").param("seq", first + 3).update();
        var result = log.verify();
        assertThat(result.ok()).isFalse();
        assertThat(result.problem()).contains("head");
    }

    @Test
    void theVerifyEndpointReportsTheSame() {
        jdbc.sql("update audit_entry set subject = 'x' where seq = :seq").param("seq", first).update();
        var json = as(Role.AUDITOR).get("/api/v1/audit/verify").json();
        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(json.get("firstBrokenSeq").asLong()).isEqualTo(first);
    }

    @Test
    void entriesArePagedWithACursorAndFilteredByTime() {
        var page = as(Role.AUDITOR).get("/api/v1/audit?limit=2&cursor=" + (first - 1)).json();
        assertThat(page.get("items").size()).isEqualTo(2);
        assertThat(page.get("items").get(0).get("seq").asLong()).isEqualTo(first);
        assertThat(page.get("items").get(1).get("prevHash").asString()).isEqualTo(page.get("items").get(0).get("hash").asString());
        String next = page.get("nextCursor").asString();
        assertThat(as(Role.AUDITOR).get("/api/v1/audit?limit=2&cursor=" + next).json().get("items").get(0).get("seq").asLong())
                .isEqualTo(first + 2);
        assertThat(as(Role.AUDITOR).get("/api/v1/audit?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z").json()
                .get("items").size()).isZero();
    }
}
