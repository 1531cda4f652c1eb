package io.telepay.order;

import java.time.Instant;
import java.util.List;

import io.telepay.shared.Money;

/**
 * An order with everything a person working on it sees ({@code GET /orders/{id}}): lines, total, the
 * shipping address, the confirmation made on the call, a cancellation, payments and fulfilment.
 *
 * @param reference       the short reference a customer reads over the phone ({@link OrderReference})
 * @param callId          the call it was taken on, or null
 * @param shippingAddress null when nothing ships; its phone masked for everyone but the order's agent
 * @param confirmedAt     null before confirmation
 * @param confirmation    null before confirmation
 * @param cancellation    null unless cancelled
 * @param payments        oldest first; null in lists (read one order for its payments)
 * @param fulfilment      never null; status {@code NOT_STARTED} until the fulfilment module reports
 */
public record OrderDetails(String id, String reference, OrderStatus status, String customerId, String callId, String agentId,
                           List<OrderLine> lines, Money total, ShippingAddress shippingAddress, Instant confirmedAt,
                           Confirmation confirmation, Cancellation cancellation, List<OrderPaymentSummary> payments,
                           Fulfilment fulfilment, String createdBy, Instant createdAt, Instant updatedAt) {

    /**
     * Who confirmed, when, on which call, and the summary they read to the customer.
     *
     * @param callId   null when the order was confirmed without a call
     * @param readBack the text as read, in {@code language} ({@code zh-TW}, {@code zh-CN} or {@code en})
     */
    public record Confirmation(Instant confirmedAt, String confirmedBy, String callId, String readBack,
                               String language) {
    }

    /** @param reason as the agent gave it; may be null */
    public record Cancellation(Instant cancelledAt, String cancelledBy, String reason) {
    }

    /**
     * The fulfilment's progress as the fulfilment module reports it.
     *
     * @param reference the shipment's tracking number or the service task's id; may be null
     * @param updatedAt null while {@code NOT_STARTED}
     */
    public record Fulfilment(String status, String reference, Instant updatedAt) {
        public static final String NOT_STARTED = "NOT_STARTED";
        public static final String COMPLETED = "COMPLETED";

        static Fulfilment notStarted() {
            return new Fulfilment(NOT_STARTED, null, null);
        }
    }
    /** A payment holds the card's money or waits for its outcome: no new pay link until it is settled or released. */
    public OrderPaymentSummary openPayment() {
        return payments == null ? null : payments.stream().filter(OrderPaymentSummary::open).findFirst().orElse(null);
    }

    /**
     * What became of a payment held for review, once someone decided: {@code released} (it was charged) or
     * {@code voided} (it was not); null while it is held, or for another payment.
     */
    public String afterReview(String paymentId) {
        OrderPaymentSummary payment = payments == null || paymentId == null ? null
                : payments.stream().filter(p -> p.id().equals(paymentId)).findFirst().orElse(null);
        if (payment == null) {
            return null;
        }
        return payment.charged() ? "released" : "VOIDED".equals(payment.status()) ? "voided" : null;
    }

    /** The short reference as people read it: {@code K7M2 QX9P}. */
    public String displayReference() {
        return OrderReference.display(reference);
    }
}
