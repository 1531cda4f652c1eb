package io.telepay.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * A value PostgreSQL cannot keep (NUL in text: SQLState 22021; too long: 22001) is the client's input: 400.
 * A real constraint collision (23505) stays a 409. Found by HostileInputSystemTest on PostgreSQL.
 */
class ProblemHandlerDataExceptionTest {

    private final ProblemHandler handler = new ProblemHandler();

    private static DataIntegrityViolationException violation(String sqlState) {
        return new DataIntegrityViolationException("x", new SQLException("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00", sqlState));
    }

    @Test
    void aNulCharacterOrAnOverlongTextIsABadRequest() {
        for (String state : new String[] {"22021", "22001", "22P05"}) {
            var answer = handler.integrity(violation(state));
            assertThat(answer.getStatusCode().value()).as(state).isEqualTo(400);
            assertThat(answer.getBody().getDetail()).doesNotContain("UTF8").doesNotContain("0x00");
        }
    }

    @Test
    void aUniqueKeyCollisionStaysAConflict() {
        assertThat(handler.integrity(violation("23505")).getStatusCode().value()).isEqualTo(409);
        assertThat(handler.integrity(new DataIntegrityViolationException("no cause")).getStatusCode().value()).isEqualTo(409);
    }
}
