package io.telepay.payment.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.telepay.payment.PaymentStatus;
import io.telepay.payment.PaymentView;
import io.telepay.shared.Db;
import io.telepay.shared.Money;

/** A {@code payment} row: the card only by token, fingerprint, brand, BIN and last 4. */
public record PaymentRow(String id, String sessionId, String orderId, String customerId, String agentId,
                         PaymentStatus status, Money amount, Money captured, Money refunded, String cardToken,
                         String fingerprint, String brand, String bin, String last4, int expMonth, int expYear,
                         String declineCode, String riskAction, int riskScore, List<String> riskReasons,
                         boolean captureRequested, int reconcileAttempts, Instant createdAt, Instant updatedAt) {

    /** Risk reasons are stored one per line. */
    public static String reasonsText(List<String> reasons) {
        return String.join("\n", reasons.stream().map(r -> r.replace('\n', ' ')).toList());
    }

    public static PaymentRow map(ResultSet rs, int row) throws SQLException {
        var currency = Money.currency(rs.getString("currency"));
        String reasons = rs.getString("risk_reasons");
        return new PaymentRow(rs.getString("id"), rs.getString("session_id"), rs.getString("order_id"),
                rs.getString("customer_id"), rs.getString("agent_id"), PaymentStatus.valueOf(rs.getString("status")),
                Money.ofMinor(rs.getLong("amount_minor"), currency), Money.ofMinor(rs.getLong("captured_minor"), currency),
                Money.ofMinor(rs.getLong("refunded_minor"), currency), rs.getString("card_token"),
                rs.getString("card_fingerprint"), rs.getString("card_brand"), rs.getString("card_bin"),
                rs.getString("card_last4"), rs.getInt("card_exp_month"), rs.getInt("card_exp_year"),
                rs.getString("decline_code"), rs.getString("risk_action"), rs.getInt("risk_score"),
                reasons.isEmpty() ? List.of() : Arrays.asList(reasons.split("\n")), rs.getBoolean("capture_requested"),
                rs.getInt("reconcile_attempts"), Db.instant(rs, "created_at"), Db.instant(rs, "updated_at"));
    }

    public PaymentView view() {
        return new PaymentView(id, orderId, sessionId, status, amount, captured, refunded,
                new PaymentView.Card(brand, bin, last4, expMonth, expYear, fingerprint),
                new PaymentView.Risk(riskAction, riskScore, riskReasons), declineCode, createdAt, updatedAt);
    }
}
