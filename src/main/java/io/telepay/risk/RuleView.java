package io.telepay.risk;

import java.time.Instant;

/**
 * One version of a rule.
 *
 * @param score   how much a match adds to the decision's score (0-100)
 * @param reason  what a match says, with {feature} placeholders filled from the attempt's values
 * @param hits7d  decisions it matched in the last 7 days (this and earlier versions), or null when not counted
 */
public record RuleView(String id, int version, String name, String expression, RiskAction action, RuleMode mode,
                       boolean enabled, int score, String reason, String createdBy, Instant createdAt, Long hits7d) {

    RuleView withHits(long hits) {
        return new RuleView(id, version, name, expression, action, mode, enabled, score, reason, createdBy, createdAt, hits);
    }
}
