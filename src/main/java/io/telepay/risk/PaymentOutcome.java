package io.telepay.risk;

/**
 * A payment event the risk engine learns from (decline ratios, refunds soon after capture, chargebacks).
 * The payment module's events implement it: risk cannot name payment's types, because payment calls risk.
 */
public interface PaymentOutcome {

    enum Kind { DECLINED, CAPTURED, VOIDED, REFUNDED, CHARGED_BACK }

    String paymentId();

    Kind outcomeKind();
}
