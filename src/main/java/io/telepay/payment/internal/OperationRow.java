package io.telepay.payment.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import io.telepay.payment.OperationKind;
import io.telepay.payment.OperationStatus;
import io.telepay.payment.OperationView;
import io.telepay.shared.Db;
import io.telepay.shared.Money;

/** A {@code payment_operation} row. */
public record OperationRow(String id, String paymentId, OperationKind kind, OperationStatus status, Money amount,
                           String reason, String declineCode, String acquirerReference, String requestedBy,
                           String requestedByName, String decidedBy, String decidedByName, Instant decidedAt,
                           String decisionNote, int reconcileAttempts, Instant attemptedAt, Instant createdAt,
                           Instant updatedAt) {

    public static OperationRow map(ResultSet rs, int row) throws SQLException {
        return new OperationRow(rs.getString("id"), rs.getString("payment_id"), OperationKind.valueOf(rs.getString("kind")),
                OperationStatus.valueOf(rs.getString("status")),
                Money.ofMinor(rs.getLong("amount_minor"), Money.currency(rs.getString("currency"))), rs.getString("reason"),
                rs.getString("decline_code"), rs.getString("acquirer_reference"), rs.getString("requested_by"),
                rs.getString("requested_by_name"), rs.getString("decided_by"), rs.getString("decided_by_name"),
                Db.instant(rs, "decided_at"), rs.getString("decision_note"), rs.getInt("reconcile_attempts"),
                Db.instant(rs, "attempted_at"), Db.instant(rs, "created_at"), Db.instant(rs, "updated_at"));
    }

    public OperationView view(String orderId) {
        return new OperationView(id, paymentId, orderId, kind, status, amount, reason, declineCode, requestedBy,
                requestedByName, decidedBy, decidedByName, decidedAt, decisionNote, createdAt, updatedAt);
    }
}
