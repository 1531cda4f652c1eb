package io.telepay.rails;

import java.util.List;
import java.util.function.Supplier;

import io.telepay.gateway.GatewayEvents;
import io.telepay.gateway.GatewayEvents.Status;
import io.telepay.gateway.PlatformNotice;
import io.telepay.payment.HostedPayments;
import io.telepay.payment.OperationKind;
import io.telepay.payment.OperationStatus;
import io.telepay.payment.OperationView;
import io.telepay.payment.PaymentOperations;
import io.telepay.payment.Payments;
import io.telepay.shared.Actor;
import io.telepay.shared.Money;
import io.telepay.shared.TelepayProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a payment platform's notices to Telepay's payments under the system actor, through the payment
 * module's public services, and records on the stored event what became of it. A dispute that took money
 * is a chargeback (a fraud reason labels the card, agent and customer); an inquiry took none. A refund the
 * platform reports is normally Telepay's own; one made elsewhere (the platform's dashboard), and a dispute
 * won back, need payment services that do not exist yet: the event is kept NOT_APPLIED with the reason,
 * and nothing is written into the payment tables here.
 *
 * <p>Runs after the event's transaction commits (Spring Modulith keeps the publication until this returns,
 * and publishes it again after a restart); each step in a transaction of its own.
 */
@Component
class PlatformNotices {

    private static final Logger log = LoggerFactory.getLogger(PlatformNotices.class);

    private final PaymentOperations operations;
    private final Payments payments;
    private final GatewayEvents events;
    private final HostedPayments hosted;
    private final TransactionTemplate tx;

    PlatformNotices(PaymentOperations operations, Payments payments, GatewayEvents events, HostedPayments hosted,
                    PlatformTransactionManager transactions) {
        this.operations = operations;
        this.hosted = hosted;
        this.payments = payments;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
        // after the event's commit the old transaction's resources are still bound: work needs a new one
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @TransactionalEventListener
    void on(PlatformNotice notice) {
        Outcome outcome;
        try {
            outcome = asSystem(() -> tx.execute(status -> switch (notice) {
                // the hosted payments commit their own steps (a risk refund after the fact is recorded before it is sent)
                case PlatformNotice.CheckoutPaid paid -> new Outcome(Status.APPLIED, hosted.paid(paid.sessionReference(), paid.paid()));
                case PlatformNotice.CheckoutExpired expired -> new Outcome(Status.APPLIED, hosted.expired(expired.sessionReference()));
                case PlatformNotice.CheckoutAttemptFailed failed -> new Outcome(Status.APPLIED,
                        hosted.attemptFailed(failed.sessionReference(), failed.declineCode()));
                default -> {
                    // a dispute or refund may arrive before the hosted page's completion: record the payment first
                    hosted.settle(notice.paymentReference());
                    yield apply(notice);
                }
            }));
        } catch (TelepayProblem e) {
            outcome = new Outcome(Status.NOT_APPLIED, e.getMessage());
        }
        events.settle(notice.provider(), notice.eventId(), outcome.status(), outcome.detail());
        if (outcome.status() == Status.NOT_APPLIED) {
            log.warn("{} event {} for payment {} not applied: {}", notice.provider(), notice.eventId(), notice.paymentReference(),
                    outcome.detail());
        }
    }

    private record Outcome(Status status, String detail) {
    }

    private Outcome apply(PlatformNotice notice) {
        return switch (notice) {
            case PlatformNotice.DisputeOpened opened -> opened.inquiry()
                    ? new Outcome(Status.APPLIED, "an inquiry: no money taken, nothing to book")
                    : chargeback(opened.paymentReference(), opened.disputeId(), opened.amount(), opened.reason(), notice.provider());
            case PlatformNotice.DisputeClosed closed -> closed(closed);
            case PlatformNotice.RefundReported refunded -> refunded(refunded);
            case PlatformNotice.CheckoutPaid paid -> throw new IllegalArgumentException("applied outside a transaction");
            case PlatformNotice.CheckoutExpired expired -> throw new IllegalArgumentException("applied outside a transaction");
            case PlatformNotice.CheckoutAttemptFailed failed -> throw new IllegalArgumentException("applied outside a transaction");
        };
    }

    private Outcome chargeback(String paymentId, String disputeId, Money amount, String reason, String provider) {
        if (chargebackOf(paymentId, disputeId).isPresent()) {
            return new Outcome(Status.APPLIED, "chargeback for dispute " + disputeId + " already booked");
        }
        // the reason leads with the platform's own ("fraudulent …"), which is how a chargeback counts as fraud
        OperationView chargeback = operations.chargeback(paymentId, amount, reason + " (" + provider + " dispute " + disputeId + ")");
        return new Outcome(Status.APPLIED, "chargeback " + chargeback.id() + " " + chargeback.status() + " for " + amount);
    }

    private Outcome closed(PlatformNotice.DisputeClosed closed) {
        if (closed.inquiry()) {
            return new Outcome(Status.APPLIED, "an inquiry closed: no money moved");
        }
        if (!closed.won()) {
            // lost: the money stays with the cardholder, booked when the dispute opened (or now, if that event never came)
            return chargeback(closed.paymentReference(), closed.disputeId(), closed.amount(), closed.reason(), closed.provider());
        }
        if (chargebackOf(closed.paymentReference(), closed.disputeId()).isEmpty()) {
            return new Outcome(Status.APPLIED, "dispute won and no chargeback was booked: nothing to undo");
        }
        return new Outcome(Status.NOT_APPLIED, "dispute " + closed.disputeId() + " won: " + closed.amount()
                + " came back, but the payment module has no service to reverse a chargeback (needs "
                + "PaymentOperations.reverseChargeback(chargebackId, reason))");
    }

    private Outcome refunded(PlatformNotice.RefundReported reported) {
        List<OperationView> ops = operations.of(reported.paymentReference());
        Money known = Money.zero(reported.refundedTotal().currency());
        for (OperationView op : ops) {
            if (op.kind() == OperationKind.REFUND && (op.status() == OperationStatus.SUCCEEDED || op.status() == OperationStatus.UNKNOWN)) {
                known = known.plus(op.amount());
            }
        }
        if (!reported.refundedTotal().isGreaterThan(known)) {
            return new Outcome(Status.APPLIED, "refunded " + reported.refundedTotal() + " in all, all of it Telepay's own refunds");
        }
        Money elsewhere = reported.refundedTotal().minus(known);
        payments.holdSettlement(reported.paymentReference(), "refunded " + elsewhere + " at " + reported.provider() + " outside Telepay");
        return new Outcome(Status.NOT_APPLIED, reported.provider() + " refunded " + elsewhere + " more than Telepay's refunds ("
                + reported.refundedTotal() + " in all), made outside Telepay; the payment is held out of settlement. Booking it needs "
                + "PaymentOperations.recordPlatformRefund(paymentId, amount, platformRefundId, reason)");
    }

    private java.util.Optional<OperationView> chargebackOf(String paymentId, String disputeId) {
        return operations.of(paymentId).stream()
                .filter(op -> op.kind() == OperationKind.CHARGEBACK && op.reason() != null && op.reason().contains(disputeId))
                .findFirst();
    }

    private static <T> T asSystem(Supplier<T> work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext system = SecurityContextHolder.createEmptyContext();
        system.setAuthentication(new UsernamePasswordAuthenticationToken(Actor.SYSTEM, null, List.of()));
        SecurityContextHolder.setContext(system);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
