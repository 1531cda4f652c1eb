package io.telepay.customer.lead;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import io.telepay.shared.Db;

/**
 * A lead import and how far it got. {@code processedRows} of {@code totalRows} data rows are done; each
 * processed row is counted once as imported, duplicate (of a customer or of an earlier row), do-not-call
 * (a customer who asked not to be called: not queued) or rejected (see the issues for row, field and reason).
 */
public record ImportJob(String id, Status status, String fileName, int totalRows, int processedRows, int imported,
                        int duplicates, int doNotCall, int rejected, String ownerId, String source, String campaign,
                        String failure, String requestedBy, String requestedTeam, Instant createdAt, Instant startedAt, Instant finishedAt) {

    /** QUEUED → RUNNING → COMPLETED | FAILED; a job the server stopped in the middle of is INTERRUPTED. */
    public enum Status {
        QUEUED, RUNNING, COMPLETED, FAILED, INTERRUPTED;

        public boolean finished() {
            return this == COMPLETED || this == FAILED || this == INTERRUPTED;
        }
    }

    static final String COLUMNS = "id, status, file_name, total_rows, processed_rows, imported, duplicates, do_not_call, "
            + "rejected, owner_id, default_source, default_campaign, failure, requested_by, requested_team, created_at, "
            + "started_at, finished_at";

    /** Whole percent of rows processed. */
    public int progress() {
        return totalRows == 0 ? (status == Status.COMPLETED ? 100 : 0) : (int) (processedRows * 100L / totalRows);
    }

    static ImportJob map(ResultSet rs, int n) throws SQLException {
        return new ImportJob(rs.getString("id"), Status.valueOf(rs.getString("status")), rs.getString("file_name"),
                rs.getInt("total_rows"), rs.getInt("processed_rows"), rs.getInt("imported"), rs.getInt("duplicates"),
                rs.getInt("do_not_call"), rs.getInt("rejected"), rs.getString("owner_id"), rs.getString("default_source"),
                rs.getString("default_campaign"), rs.getString("failure"), rs.getString("requested_by"), rs.getString("requested_team"),
                Db.instant(rs, "created_at"), Db.instant(rs, "started_at"), Db.instant(rs, "finished_at"));
    }
}
