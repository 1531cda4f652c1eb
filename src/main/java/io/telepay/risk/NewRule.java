package io.telepay.risk;

/**
 * A rule as an analyst writes it. Missing mode: SHADOW (a new rule watches before it acts); missing
 * enabled: true; missing score: 50; missing reason: the rule's name.
 */
public record NewRule(String name, String expression, RiskAction action, RuleMode mode, Boolean enabled, Integer score,
                      String reason) {
}
