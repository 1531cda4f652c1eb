package io.telepay.risk;

import java.time.Duration;

import org.springframework.stereotype.Component;

/** Harvesting signals read off what became of payments (declines, refunds, chargebacks). */
@Component
class PaymentSignals {

    void declined(String paymentId) {
    }

    void refunded(String paymentId, Duration afterCapture) {
    }

    void chargedBack(String paymentId) {
    }
}
