package io.telepay.risk;

import org.springframework.stereotype.Component;

/** Late labels: FRAUD outcomes on cards and agents, and re-scoring what links to them. */
@Component
class Labels {

    void alertFraud(AlertView alert) {
    }

    void fraud(String cardFingerprint, String agentId, String customerId, String paymentId, String source) {
    }
}
