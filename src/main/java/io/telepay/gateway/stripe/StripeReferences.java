package io.telepay.gateway.stripe;

import java.time.Clock;
import java.util.Optional;

import io.telepay.shared.Db;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Telepay's references as Stripe knows them (tables {@code stripe_payment_intent}, {@code stripe_operation}),
 * each write in its own transaction: the adapter is called outside the payment's transactions, and what it
 * wrote must survive whatever the caller does next.
 */
@Component
@ConditionalOnProperty(name = "telepay.gateway.provider", havingValue = "stripe")
class StripeReferences {

    enum Kind { CAPTURE, VOID, REFUND }

    record Operation(String operationReference, String reference, Kind kind, Long amountMinor, String stripeId, String outcome) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    StripeReferences(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Before the PaymentIntent is created: how it captures. A second attempt under the same reference keeps the first row. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void intentRequested(String reference, String captureMethod) {
        if (jdbc.sql("select count(*) from stripe_payment_intent where reference = :r").param("r", reference).query(Long.class).single() == 0) {
            jdbc.sql("""
                    insert into stripe_payment_intent (reference, payment_intent, capture_method, created_at, updated_at)
                    values (:r, null, :method, :now, :now)""")
                    .param("r", reference).param("method", captureMethod).param("now", Db.ts(clock.instant())).update();
        }
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void intentNamed(String reference, String paymentIntent, String captureMethod) {
        int updated = jdbc.sql("update stripe_payment_intent set payment_intent = :pi, updated_at = :now where reference = :r")
                .param("pi", paymentIntent).param("now", Db.ts(clock.instant())).param("r", reference).update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into stripe_payment_intent (reference, payment_intent, capture_method, created_at, updated_at)
                    values (:r, :pi, :method, :now, :now)""")
                    .param("r", reference).param("pi", paymentIntent).param("method", captureMethod)
                    .param("now", Db.ts(clock.instant())).update();
        }
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW, readOnly = true)
    Optional<String> paymentIntent(String reference) {
        return jdbc.sql("select payment_intent from stripe_payment_intent where reference = :r").param("r", reference)
                .query(String.class).optional();
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW, readOnly = true)
    Optional<String> referenceOf(String paymentIntent) {
        return jdbc.sql("select reference from stripe_payment_intent where payment_intent = :pi").param("pi", paymentIntent)
                .query(String.class).optional();
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW, readOnly = true)
    Optional<String> captureMethod(String reference) {
        return jdbc.sql("select capture_method from stripe_payment_intent where reference = :r").param("r", reference)
                .query(String.class).optional();
    }

    /** Before the call: so the outcome can be asked for by the operation's reference alone. Idempotent. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void operationSent(String operationReference, String reference, Kind kind, Long amountMinor) {
        if (operation(operationReference).isEmpty()) {
            jdbc.sql("""
                    insert into stripe_operation (operation_reference, reference, kind, amount_minor, stripe_id, outcome, created_at, updated_at)
                    values (:op, :r, :kind, :amount, null, 'UNKNOWN', :now, :now)""")
                    .param("op", operationReference).param("r", reference).param("kind", kind.name()).param("amount", amountMinor)
                    .param("now", Db.ts(clock.instant())).update();
        }
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void operationAnswered(String operationReference, String outcome, String stripeId) {
        jdbc.sql("update stripe_operation set outcome = :outcome, stripe_id = coalesce(:id, stripe_id), updated_at = :now where operation_reference = :op")
                .param("outcome", outcome).param("id", stripeId).param("now", Db.ts(clock.instant())).param("op", operationReference)
                .update();
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW, readOnly = true)
    Optional<Operation> operation(String operationReference) {
        return jdbc.sql("select * from stripe_operation where operation_reference = :op").param("op", operationReference)
                .query((rs, n) -> new Operation(rs.getString("operation_reference"), rs.getString("reference"),
                        Kind.valueOf(rs.getString("kind")), (Long) rs.getObject("amount_minor", Long.class), rs.getString("stripe_id"),
                        rs.getString("outcome")))
                .optional();
    }

    /** The capture Stripe approved for the payment (Stripe captures a PaymentIntent once), if it was a separate one. */
    @Transactional(propagation = Propagation.REQUIRES_NEW, readOnly = true)
    Optional<String> approvedCapture(String reference) {
        return jdbc.sql("""
                select operation_reference from stripe_operation where reference = :r and kind = 'CAPTURE' and outcome = 'APPROVED'
                order by created_at limit 1""")
                .param("r", reference).query(String.class).optional();
    }

    /** The refund operation Stripe named with this id. */
    @Transactional(propagation = Propagation.REQUIRES_NEW, readOnly = true)
    Optional<String> operationOf(String stripeId) {
        return jdbc.sql("select operation_reference from stripe_operation where stripe_id = :id").param("id", stripeId)
                .query(String.class).optional();
    }
}
