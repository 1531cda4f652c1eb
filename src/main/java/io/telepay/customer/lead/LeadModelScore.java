package io.telepay.customer.lead;

import java.util.List;

/**
 * What the learned lead model said of a lead when it was handed out.
 *
 * @param mode        ACTIVE when the model ordered the queue, SHADOW when it was only measured beside the
 *                    hand-written score
 * @param probability the calibrated chance of an order within the label window after a call now
 * @param reasons     the features that moved the probability most, strongest first
 */
public record LeadModelScore(String modelId, int version, String mode, double probability, List<Reason> reasons) {

    public LeadModelScore {
        reasons = List.copyOf(reasons);
    }

    /**
     * One feature's part: {@code message} is a key of the console's messages with {@code args}
     * ({@code lead.model.reason.*}); {@code effect} its share of the log-odds (positive raises the probability).
     */
    public record Reason(String feature, double value, double effect, String message, List<String> args) {

        public Reason {
            args = List.copyOf(args);
        }
    }
}
