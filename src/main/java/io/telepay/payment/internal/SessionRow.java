package io.telepay.payment.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import io.telepay.payment.Payment;
import io.telepay.payment.PaymentSessionView;
import io.telepay.payment.SessionStatus;
import io.telepay.payment.SessionStep;
import io.telepay.shared.Db;
import io.telepay.shared.Money;

/**
 * A {@code payment_session} row, and its moves: an attempt in flight, then the payment's answer. After
 * {@link #MAX_DECLINES} declined cards the session has FAILED.
 */
public record SessionRow(String id, String orderId, String customerId, String agentId, String channel, String sendTo,
                         String sentToAddress, SessionStatus status, Money amount, Instant expiresAt, int declines,
                         String inFlightPayment, String paymentId, SessionStep step, String progress, Instant createdAt,
                         String keypadCode, Instant openedAt) {

    public static final int MAX_DECLINES = 5;

    public static SessionRow map(ResultSet rs, int row) throws SQLException {
        return new SessionRow(rs.getString("id"), rs.getString("order_id"), rs.getString("customer_id"),
                rs.getString("agent_id"), rs.getString("channel"), rs.getString("send_to"), rs.getString("sent_to_address"),
                SessionStatus.valueOf(rs.getString("status")),
                Money.ofMinor(rs.getLong("amount_minor"), Money.currency(rs.getString("currency"))),
                Db.instant(rs, "expires_at"), rs.getInt("declines"), rs.getString("in_flight_payment"),
                rs.getString("payment_id"), SessionStep.valueOf(rs.getString("step")), rs.getString("progress"),
                Db.instant(rs, "created_at"), rs.getString("keypad_code"), Db.instant(rs, "opened_at"));
    }

    public boolean expiredAt(Instant now) {
        return status == SessionStatus.OPEN && !expiresAt.isAfter(now);
    }

    /** A card was submitted and is with the gateway: a second submit meanwhile answers PENDING. */
    public SessionRow inFlight(String payment, String text) {
        return moved(status, declines, payment, paymentId, SessionStep.AUTHORIZING, text);
    }

    /** What the session shows once the payment's authorization has an answer. */
    public SessionRow answered(String payment, Payment.SessionChange change) {
        return switch (change) {
            case Payment.SessionChange.Completed done ->
                    moved(SessionStatus.COMPLETED, declines, null, payment, done.step(), done.progress());
            case Payment.SessionChange.Declined declined -> {
                int count = declines + 1;
                boolean failed = count >= MAX_DECLINES;
                yield moved(failed ? SessionStatus.FAILED : SessionStatus.OPEN, count, null, paymentId,
                        failed ? SessionStep.FAILED : SessionStep.DECLINED,
                        failed ? "Declined " + count + " times; the session has failed"
                                : "Declined (" + declined.code() + "); the customer may try another card");
            }
            case Payment.SessionChange.Reopened reopened ->
                    moved(status, declines, null, paymentId, SessionStep.DECLINED, reopened.progress());
            case Payment.SessionChange.Confirming confirming ->
                    moved(status, declines, inFlightPayment, paymentId, SessionStep.CONFIRMING, "Confirming the outcome with the bank");
        };
    }

    /** The pay link ended unused (the platform's hosted page expired). */
    public SessionRow expired(String text) {
        return moved(SessionStatus.EXPIRED, declines, null, paymentId, SessionStep.EXPIRED, text);
    }

    /** A card tried on a platform's hosted page was declined; the page stays open for another. */
    public SessionRow declinedElsewhere(String text) {
        return moved(status, declines + 1, inFlightPayment, paymentId, SessionStep.DECLINED, text);
    }

    private SessionRow moved(SessionStatus to, int declineCount, String inFlight, String payment, SessionStep at, String text) {
        return new SessionRow(id, orderId, customerId, agentId, channel, sendTo, sentToAddress, to, amount, expiresAt,
                declineCount, inFlight, payment, at, text, createdAt, keypadCode, openedAt);
    }

    public PaymentSessionView view(Instant now) {
        boolean expired = expiredAt(now);
        return new PaymentSessionView(id, orderId, expired ? SessionStatus.EXPIRED : status, channel, sendTo, amount, null,
                expiresAt, expired ? SessionStep.EXPIRED : step, expired ? "The link has expired" : progress, declines,
                paymentId != null ? paymentId : inFlightPayment, createdAt, null, null, openedAt);
    }
}
