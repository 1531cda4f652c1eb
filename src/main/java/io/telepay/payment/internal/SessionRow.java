package io.telepay.payment.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import io.telepay.payment.PaymentSessionView;
import io.telepay.payment.SessionStatus;
import io.telepay.payment.SessionStep;
import io.telepay.shared.Db;
import io.telepay.shared.Money;

/** A {@code payment_session} row. */
public record SessionRow(String id, String orderId, String customerId, String agentId, String channel, String sendTo,
                         String sentToAddress, SessionStatus status, Money amount, Instant expiresAt, int declines,
                         String inFlightPayment, String paymentId, SessionStep step, String progress, Instant createdAt,
                         String keypadCode) {

    public static SessionRow map(ResultSet rs, int row) throws SQLException {
        return new SessionRow(rs.getString("id"), rs.getString("order_id"), rs.getString("customer_id"),
                rs.getString("agent_id"), rs.getString("channel"), rs.getString("send_to"), rs.getString("sent_to_address"),
                SessionStatus.valueOf(rs.getString("status")),
                Money.ofMinor(rs.getLong("amount_minor"), Money.currency(rs.getString("currency"))),
                Db.instant(rs, "expires_at"), rs.getInt("declines"), rs.getString("in_flight_payment"),
                rs.getString("payment_id"), SessionStep.valueOf(rs.getString("step")), rs.getString("progress"),
                Db.instant(rs, "created_at"), rs.getString("keypad_code"));
    }

    public boolean expiredAt(Instant now) {
        return status == SessionStatus.OPEN && !expiresAt.isAfter(now);
    }

    public PaymentSessionView view(Instant now) {
        boolean expired = expiredAt(now);
        return new PaymentSessionView(id, orderId, expired ? SessionStatus.EXPIRED : status, channel, sendTo, amount, null,
                expiresAt, expired ? SessionStep.EXPIRED : step, expired ? "The link has expired" : progress, declines,
                paymentId != null ? paymentId : inFlightPayment, createdAt, null, null);
    }
}
