package io.telepay.risk;

import java.time.Clock;

import io.telepay.risk.features.Attempts;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps risk's copy of what became of each attempt, from payment's events (as {@link PaymentOutcome}
 * and {@link SessionOpened}: risk cannot name payment's types). Idempotent: a redelivered event
 * finds the outcome already set.
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
            case DECLINED -> {
                attempts.declined(outcome.paymentId(), now);
                signals.declined(outcome.paymentId());
            }
            case CAPTURED -> attempts.captured(outcome.paymentId(), now, features.zone());
            case VOIDED -> attempts.voided(outcome.paymentId());
            case REFUNDED -> attempts.refunded(outcome.paymentId(), now)
                    .ifPresent(delay -> signals.refunded(outcome.paymentId(), delay));
            case CHARGED_BACK -> {
                attempts.chargedBack(outcome.paymentId(), now);
                signals.chargedBack(outcome.paymentId());
            }
        }
    }

    @EventListener
    void on(SessionOpened session) {
        attempts.sessionOpened(session.sessionId(), session.orderId(), session.agentId(), session.customerId(), clock.instant());
    }
}
