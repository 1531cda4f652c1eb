package io.telepay.risk;

import java.time.Clock;

import io.telepay.risk.features.Attempts;
import io.telepay.outbox.OutboxListener;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps risk's copy of what became of each attempt, from payment's events (as {@link PaymentOutcome}
 * and {@link SessionOpened}: risk cannot name payment's types), in the payment's transaction; the signals an
 * outcome raises (card testing, quick refunds, a chargeback's fraud label and the rescoring it starts) and the
 * product's daily capture count (one row that every capture of the product would otherwise wait on) come after
 * it, through the outbox, so they never hold the payment's lock. Idempotent: a redelivered event finds
 * the outcome already set, and signals raise an open alert once.
 */
@Component
class OutcomeListener {

    private final Attempts attempts;
    private final PaymentSignals signals;
    private final io.telepay.risk.features.FeatureQueries features;
    private final Clock clock;

    OutcomeListener(Attempts attempts, PaymentSignals signals, io.telepay.risk.features.FeatureQueries features, Clock clock) {
        this.attempts = attempts;
        this.features = features;
        this.signals = signals;
        this.clock = clock;
    }

    @EventListener
    void on(PaymentOutcome outcome) {
        var now = clock.instant();
        switch (outcome.outcomeKind()) {
            case DECLINED -> attempts.declined(outcome.paymentId(), now);
            case CAPTURED -> attempts.captured(outcome.paymentId(), now);
            case VOIDED -> attempts.voided(outcome.paymentId());
            case REFUNDED -> attempts.refunded(outcome.paymentId(), now);
            case CHARGED_BACK -> attempts.chargedBack(outcome.paymentId(), now);
        }
    }

    @OutboxListener
    void signal(PaymentOutcome outcome) {
        switch (outcome.outcomeKind()) {
            case DECLINED -> signals.declined(outcome.paymentId());
            case REFUNDED -> attempts.refundDelay(outcome.paymentId()).ifPresent(delay -> signals.refunded(outcome.paymentId(), delay));
            case CHARGED_BACK -> signals.chargedBack(outcome.paymentId());
            case CAPTURED -> attempts.countCapture(outcome.paymentId(), features.zone());
            case VOIDED -> {
            }
        }
    }

    @EventListener
    void on(SessionOpened session) {
        attempts.sessionOpened(session.sessionId(), session.orderId(), session.agentId(), session.customerId(), clock.instant());
    }
}
