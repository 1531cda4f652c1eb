package io.telepay.risk;

/**
 * Something that ties a payment, card, agent or customer to fraud: a consumer's fraud report, a
 * chargeback for fraud. Events of other modules implement it (trust, payment), so the risk engine can
 * label and re-score what they name without depending on those modules. Any link may be null.
 */
public interface FraudLabel {

    String paymentId();

    String cardFingerprint();

    String agentId();

    String customerId();

    /** Where the label comes from, for the alert's evidence: e.g. {@code fraud report rpt_…}. */
    String labelSource();
}
