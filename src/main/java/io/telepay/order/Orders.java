package io.telepay.order;

/**
 * CONTRACT ONLY — the order engineer replaces this file with the implementation. Signatures and
 * Javadoc are the agreement with the payment and fulfilment modules.
 */
public class Orders {

    /**
     * The order if the current actor may see it (an agent their own, a supervisor their team's, ADMIN all).
     *
     * @throws io.telepay.shared.NotFound when missing or out of reach
     */
    public OrderView get(String id) {
        throw new UnsupportedOperationException("contract");
    }

    /**
     * The order regardless of who asks: for work done on the system's behalf (the pay page the customer
     * opens, the reconciler, fulfilment). Never expose its result to a staff member without {@link #get}.
     *
     * @throws io.telepay.shared.NotFound when missing
     */
    public OrderView read(String id) {
        throw new UnsupportedOperationException("contract");
    }

    /**
     * CONFIRMED → PAID in the caller's transaction, publishing {@link OrderPaid}. Idempotent: an order
     * already PAID (or later) by the same payment is left as it is.
     *
     * @throws io.telepay.shared.StateConflict when the order is not CONFIRMED
     */
    public void markPaid(String orderId, String paymentId) {
        throw new UnsupportedOperationException("contract");
    }

    /**
     * After a refund: PAID or FULFILLED (or PARTIALLY_REFUNDED) → PARTIALLY_REFUNDED, or → REFUNDED when
     * {@code fully}. In the caller's transaction.
     */
    public void markRefunded(String orderId, boolean fully) {
        throw new UnsupportedOperationException("contract");
    }

    /**
     * Records the fulfilment's progress for {@code GET /orders/{id}} ({@code fulfilment: {status, reference}});
     * status {@code COMPLETED} moves PAID → FULFILLED. In the caller's transaction.
     */
    public void recordFulfilment(String orderId, String fulfilmentStatus, String reference) {
        throw new UnsupportedOperationException("contract");
    }
}
