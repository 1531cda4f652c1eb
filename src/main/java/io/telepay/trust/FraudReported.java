package io.telepay.trust;

import java.time.Instant;

import io.telepay.risk.FraudLabel;

/**
 * A consumer reported fraud, or a reviewer linked a report to what it concerns. Any link may be null;
 * the risk module raises alerts and labels from the ones given.
 *
 * @param callerPhone the number that called the consumer, E.164, or null
 */
public record FraudReported(String reportId, String paymentId, String agentId, String cardFingerprint, String customerId,
                            String callerPhone, Instant at) implements FraudLabel {

    @Override
    public String labelSource() {
        return "fraud report " + reportId;
    }
}
