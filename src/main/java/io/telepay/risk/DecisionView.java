package io.telepay.risk;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A stored decision, as an analyst sees it: what was decided, which rule versions ran and matched, every
 * feature value, and the hash over rule-set version, rule results and features.
 *
 * @param replayed what the same rule versions decide on the stored features today; equal to the stored
 *                 decision unless something was tampered with (null when the rule versions are gone)
 */
public record DecisionView(String paymentId, Instant at, RiskAction action, int score, List<String> reasons,
                           long ruleSetVersion, List<RuleHit> rules, Map<String, Object> features, String hash,
                           String agentId, Replay replayed) {

    /** One rule version evaluated in the decision. */
    public record RuleHit(String ruleId, int version, String name, RuleMode mode, RiskAction action, int score,
                          boolean matched, String reason) {
    }

    /** The decision recomputed from the stored features and rule versions. */
    public record Replay(RiskAction action, int score, boolean sameMatches, boolean hashVerified) {
    }
}
