package io.telepay.risk;

import java.util.List;

/**
 * The verdict on one payment attempt.
 *
 * @param score   0 (no concern) to 100 (certain fraud)
 * @param reasons what led to it, in words an analyst and an agent can read
 */
public record RiskDecision(RiskAction action, int score, List<String> reasons) {

    public RiskDecision {
        reasons = List.copyOf(reasons);
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException("score must be 0..100");
        }
    }

    public static RiskDecision allow() {
        return new RiskDecision(RiskAction.ALLOW, 0, List.of());
    }
}
