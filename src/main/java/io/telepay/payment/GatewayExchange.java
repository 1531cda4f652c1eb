package io.telepay.payment;

import java.time.Clock;
import java.util.Map;

import io.telepay.audit.AuditTrail;
import io.telepay.gateway.AuthorizationRequest;
import io.telepay.gateway.GatewayResult;
import io.telepay.gateway.PaymentGateway;
import io.telepay.order.OrderStatus;
import io.telepay.order.Orders;
import io.telepay.payment.internal.PaymentStore;
import io.telepay.payment.internal.SessionRow;
import io.telepay.vault.PresentedCard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends a payment's operations to the gateway — outside any transaction, each recorded UNKNOWN before — and
 * records every answer by one path, {@link #record}: right after the call, or when the reconciler learns it.
 * Recording applies the answer to the payment ({@link Payment#answer}) and what it means outside the
 * payment's rows — its session, its order, a confirmation asked of the customer — in one transaction.
 */
@Component
class GatewayExchange {

    private static final Logger log = LoggerFactory.getLogger(GatewayExchange.class);

    private final PaymentGateway gateway;
    private final PaymentStore store;
    private final Orders orders;
    private final ObjectProvider<Challenges> challenges;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    GatewayExchange(PaymentGateway gateway, PaymentStore store, Orders orders, ObjectProvider<Challenges> challenges,
                    AuditTrail audit, TransactionTemplate tx, Clock clock) {
        this.gateway = gateway;
        this.store = store;
        this.orders = orders;
        this.challenges = challenges;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** A payment after an answer was recorded, and its session as the answer left it (null when it did not move). */
    record Recorded(Payment payment, SessionRow session) {
    }

    /** Asks for the payment's authorization (or sale) with the card, which lives only in this call. */
    Recorded authorize(Payment payment, PresentedCard card) {
        Payment.Operation op = payment.authorization().orElseThrow();
        GatewayResult result;
        try {
            result = gateway.authorize(new AuthorizationRequest(payment.id(), payment.amount(), card,
                    op.kind() == OperationKind.SALE));
        } catch (RuntimeException e) {
            result = lost(op, e);
        }
        return record(payment.id(), op.id(), result);
    }

    /** Sends a capture, void, refund or chargeback recorded UNKNOWN; answers the payment afterwards. */
    Recorded send(String paymentId, Payment.Operation op) {
        GatewayResult result;
        try {
            result = switch (op.kind()) {
                case CAPTURE -> gateway.capture(paymentId, op.acquirerReference(), op.amount());
                case VOID -> gateway.voidAuthorization(paymentId, op.acquirerReference());
                case REFUND -> gateway.refund(paymentId, op.acquirerReference(), op.amount());
                // the acquirer reported it: nothing to ask
                case CHARGEBACK -> GatewayResult.approved(op.acquirerReference());
                case AUTHORIZE, SALE -> throw new IllegalArgumentException("an authorization is sent with its card");
            };
        } catch (RuntimeException e) {
            result = lost(op, e);
        }
        return record(paymentId, op.id(), result);
    }

    private static GatewayResult lost(Payment.Operation op, RuntimeException e) {
        // a broken connection tells nothing about the outcome: UNKNOWN, and the reconciler asks the acquirer
        log.warn("gateway {} for {} failed: {}", op.kind(), op.id(), e.getClass().getSimpleName());
        return GatewayResult.unknown();
    }

    /** Applies the gateway's answer to one operation; applying it again changes nothing. */
    Recorded record(String paymentId, String operationId, GatewayResult result) {
        return tx.execute(status -> {
            Payment payment = store.lock(paymentId);
            payment.answer(operationId, result, clock.instant());
            return new Recorded(payment, apply(payment, store.save(payment)));
        });
    }

    /** The reconciler asked and the gateway still has no answer: ask again later, further apart. */
    void stillUnknown(String paymentId, String operationId) {
        tx.executeWithoutResult(status -> {
            Payment payment = store.lock(paymentId);
            payment.stillUnknown(operationId, clock.instant());
            store.save(payment);
        });
    }

    /**
     * What a change of the payment means outside its own rows, in the same transaction; answers the session as
     * it moved, or null when it did not.
     */
    SessionRow apply(Payment payment, Payment.Changes changes) {
        SessionRow moved = null;
        if (changes.session() != null) {
            moved = store.lockSession(payment.sessionId()).orElseThrow().answered(payment.id(), changes.session());
            store.save(moved, clock.instant());
        }
        for (Object event : changes.events()) {
            switch (event) {
                case PaymentCaptured captured -> paid(payment, captured);
                case PaymentRefunded refunded -> returned(payment, refunded.fully());
                case ChargebackReceived chargeback -> returned(payment, chargeback.fully());
                default -> {
                }
            }
        }
        if (changes.challenge()) {
            challenges.getObject().open(payment);
        }
        return moved;
    }

    private void paid(Payment payment, PaymentCaptured captured) {
        OrderStatus order = orders.paymentCaptured(payment.orderId(), payment.id());
        if (order == OrderStatus.CANCELLED || order == OrderStatus.DRAFT) {
            // cancelled while the bank answered: the money moved, so the payment stays captured for a refund
            log.error("payment {} was captured but order {} is {}; refund it", payment.id(), payment.orderId(), order);
            audit.record("payment.captured-for-unpayable-order", payment.id(),
                    Map.of("order", payment.orderId(), "orderStatus", order.name(), "capture", captured.captureId()));
        }
    }

    private void returned(Payment payment, boolean fully) {
        OrderStatus order = orders.read(payment.orderId()).status();
        if (order == OrderStatus.PAID || order == OrderStatus.FULFILLED || order == OrderStatus.PARTIALLY_REFUNDED
                || (order == OrderStatus.REFUNDED && fully)) {
            orders.markRefunded(payment.orderId(), fully);
        }
    }
}
