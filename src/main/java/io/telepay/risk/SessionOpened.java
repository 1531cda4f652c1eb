package io.telepay.risk;

/**
 * A payment session was opened for an order (payment's {@code PaymentSessionCreated} implements it): the
 * risk engine counts sessions that never reach a payment per agent without depending on payment.
 */
public interface SessionOpened {

    String sessionId();

    String orderId();

    String agentId();

    String customerId();
}
