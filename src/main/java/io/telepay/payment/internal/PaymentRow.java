package io.telepay.payment.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

import io.telepay.payment.Payment;
import io.telepay.payment.PaymentStatus;
import io.telepay.payment.PaymentView;
import io.telepay.shared.Db;
import io.telepay.shared.Money;

/** A {@code payment} row, to read and list: the card only by token, fingerprint, brand, BIN and last 4. */
public record PaymentRow(String id, String sessionId, String orderId, String customerId, String agentId,
                         PaymentStatus status, Money amount, Money captured, Money refunded, Payment.Card card,
                         String declineCode, String acquirerReference, Payment.Risk risk, String channel, String clientIp,
                         boolean captureRequested, Instant createdAt, Instant updatedAt) {

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
                Money.ofMinor(rs.getLong("refunded_minor"), currency),
                new Payment.Card(rs.getString("card_token"), rs.getString("card_fingerprint"), rs.getString("card_brand"),
                        rs.getString("card_bin"), rs.getString("card_last4"), rs.getInt("card_exp_month"),
                        rs.getInt("card_exp_year")),
                rs.getString("decline_code"), rs.getString("acquirer_reference"),
                new Payment.Risk(rs.getString("risk_action"), rs.getInt("risk_score"),
                        reasons.isEmpty() ? List.of() : Arrays.asList(reasons.split("\n"))),
                rs.getString("channel"), rs.getString("client_ip"), rs.getBoolean("capture_requested"),
                Db.instant(rs, "created_at"), Db.instant(rs, "updated_at"));
    }

    Payment toPayment(List<Payment.Operation> operations, IntFunction<Duration> reconcileDelay) {
        return new Payment(id, sessionId, orderId, customerId, agentId, status, amount, captured, refunded, card, risk,
                declineCode, acquirerReference, channel, clientIp, captureRequested, createdAt, updatedAt, operations,
                reconcileDelay);
    }

    public PaymentView view() {
        return new PaymentView(id, orderId, sessionId, status, amount, captured, refunded,
                new PaymentView.Card(card.brand(), card.bin(), card.last4(), card.expMonth(), card.expYear(), card.fingerprint())
                        .visibleTo(io.telepay.shared.Actors.find().map(io.telepay.shared.Actor::role).orElse(null)),
                new PaymentView.Risk(risk.action(), risk.score(), risk.reasons()), declineCode, createdAt, updatedAt);
    }
}
