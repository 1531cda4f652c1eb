package io.telepay.payment;

import java.util.Locale;

import io.telepay.risk.FraudLabel;

/**
 * A chargeback whose reason is fraud labels the card, the agent and the customer for the risk engine.
 * Published beside {@link ChargebackReceived} (which every chargeback publishes) rather than folded
 * into it: a Java type either is a fraud label or is not, and most chargebacks are not fraud.
 */
public record ChargebackForFraud(String paymentId, String chargebackId, String cardFingerprint, String agentId,
                                 String customerId) implements FraudLabel {

    /** A reason naming fraud: {@code fraud}, {@code FRAUD: card stolen}, {@code fraudulent} … */
    static boolean isFraud(String reason) {
        return reason != null && reason.strip().toLowerCase(Locale.ROOT).startsWith("fraud");
    }

    @Override
    public String labelSource() {
        return "chargeback " + chargebackId;
    }
}
