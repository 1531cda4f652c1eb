package io.telepay.risk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.telepay.risk.features.Attempt;
import io.telepay.risk.features.Attempts;
import io.telepay.shared.Db;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Signals read off what became of payments: card testing from declines, refunds soon after capture. */
@Component
class PaymentSignals {

    static final int IP_DECLINES = 5;
    static final int IP_CARDS = 3;
    static final int CARD_DECLINES = 3;
    static final Duration QUICK_REFUND = Duration.ofHours(24);

    private final Attempts attempts;
    private final RiskAlerts alerts;
    private final Labels labels;
    private final JdbcClient jdbc;
    private final Clock clock;

    PaymentSignals(Attempts attempts, RiskAlerts alerts, Labels labels, JdbcClient jdbc, Clock clock) {
        this.attempts = attempts;
        this.alerts = alerts;
        this.labels = labels;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Card testing: many declines in an hour from one pay-page address (over several cards) or on one card. */
    void declined(String paymentId) {
        Attempt a = attempts.find(paymentId).orElse(null);
        if (a == null) {
            return;
        }
        Instant now = clock.instant();
        Instant hourAgo = now.minus(Duration.ofHours(1));
        if (a.ip() != null) {
            var counts = jdbc.sql("""
                    select count(*) as declines, count(distinct card_fp) as cards, min(amount_minor) as low, max(amount_minor) as high
                    from risk_attempt where ip = :ip and declined_at > :since and declined_at <= :now""")
                    .param("ip", a.ip()).param("since", Db.ts(hourAgo)).param("now", Db.ts(now))
                    .query((rs, row) -> new long[] {rs.getLong("declines"), rs.getLong("cards"), rs.getLong("low"), rs.getLong("high")})
                    .single();
            if (counts[0] >= IP_DECLINES && counts[1] >= IP_CARDS) {
                alerts.raise(new RiskAlerts.Raise(AlertSignal.CARD_TESTING, AlertSubject.IP, a.ip(),
                        counts[0] + " declines on " + counts[1] + " cards from this address in an hour (latest payment " + paymentId + ")",
                        a.agentId(), paymentId), false);
            }
        }
        if (a.cardFingerprint() != null) {
            long declines = jdbc.sql("select count(*) from risk_attempt where card_fp = :card and declined_at > :since and declined_at <= :now")
                    .param("card", a.cardFingerprint()).param("since", Db.ts(hourAgo)).param("now", Db.ts(now)).query(Long.class).single();
            if (declines >= CARD_DECLINES) {
                alerts.raise(new RiskAlerts.Raise(AlertSignal.CARD_TESTING, AlertSubject.CARD, a.cardFingerprint(),
                        declines + " declines on this card in an hour (latest payment " + paymentId + ")", a.agentId(), paymentId), false);
            }
        }
    }

    void refunded(String paymentId, Duration afterCapture) {
        if (afterCapture.compareTo(QUICK_REFUND) > 0) {
            return;
        }
        Attempt a = attempts.find(paymentId).orElse(null);
        if (a == null) {
            return;
        }
        String evidence = "payment " + paymentId + " refunded " + human(afterCapture) + " after capture (customer " + a.customerId() + ")";
        if (a.agentId() != null) {
            alerts.raise(new RiskAlerts.Raise(AlertSignal.QUICK_REFUND, AlertSubject.AGENT, a.agentId(), evidence, a.agentId(), paymentId), false);
        } else if (a.customerId() != null) {
            alerts.raise(new RiskAlerts.Raise(AlertSignal.QUICK_REFUND, AlertSubject.CUSTOMER, a.customerId(), evidence, null, paymentId), false);
        }
    }

    /** A chargeback labels the card: the cardholder disowned the payment. */
    void chargedBack(String paymentId) {
        attempts.find(paymentId).ifPresent(a -> labels.fraud(a.cardFingerprint(), a.agentId(), a.customerId(), paymentId,
                "chargeback on payment " + paymentId));
    }

    private static String human(Duration d) {
        if (d.toHours() >= 1) {
            return d.toHours() + " h";
        }
        return Math.max(1, d.toMinutes()) + " min";
    }
}
