package io.telepay.rails;

import io.telepay.gateway.GatewayAvailability;
import io.telepay.gateway.GatewayUnavailable;
import io.telepay.gateway.PaymentGateway;
import io.telepay.payment.PaymentSessionCreated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * No payment session opens while the gateway is DOWN (a wrong secret key, the platform out of reach): a
 * customer would get a pay link that cannot be paid. Runs inside the session's transaction, as the
 * session is created, so refusing here leaves no session, message or audit line behind (503).
 */
@Component
class SessionGuard {

    private static final Logger log = LoggerFactory.getLogger(SessionGuard.class);

    private final PaymentGateway gateway;

    SessionGuard(PaymentGateway gateway) {
        this.gateway = gateway;
    }

    @EventListener
    void on(PaymentSessionCreated created) {
        GatewayAvailability availability = gateway.availability();
        if (!availability.up()) {
            log.warn("payment session for order {} refused: the gateway is down ({})", created.orderId(), availability.reason());
            throw new GatewayUnavailable();
        }
    }
}
