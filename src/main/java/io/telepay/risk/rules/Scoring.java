package io.telepay.risk.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.telepay.risk.RiskAction;
import io.telepay.risk.RuleMode;

/**
 * Turns rule matches into a verdict. The action is the most severe of the matching ACTIVE rules
 * (BLOCK over REVIEW over CHALLENGE over ALLOW: a
 * person looking beats a confirmation the customer's phone may not be safe to give); the score combines their scores as independent
 * signals, 100 × (1 − Π(1 − sᵢ/100)), so two moderate signals weigh more than one and nothing passes
 * 100; the reasons are the matching rules' reasons, strongest first. SHADOW matches are recorded only.
 */
public final class Scoring {

    /** One rule's result in a decision. */
    public record RuleResult(String ruleId, int version, RuleMode mode, RiskAction action, int score, boolean matched, String reason) {
    }

    public record Verdict(RiskAction action, int score, List<String> reasons, List<RuleResult> results) {
    }

    public static final int MAX_REASONS = 5;

    private Scoring() {
    }

    public static Verdict evaluate(List<CompiledRule> rules, FeatureValues values) {
        List<RuleResult> results = new ArrayList<>(rules.size());
        RiskAction action = RiskAction.ALLOW;
        double remaining = 1;
        List<RuleResult> acting = new ArrayList<>();
        for (CompiledRule rule : rules) {
            boolean matched = rule.expression().matches(values);
            RuleResult result = new RuleResult(rule.id(), rule.version(), rule.mode(), rule.action(), rule.score(), matched,
                    matched ? rule.explain(values) : null);
            results.add(result);
            if (matched && rule.mode() == RuleMode.ACTIVE) {
                acting.add(result);
                remaining *= 1 - rule.score() / 100.0;
                if (severity(rule.action()) > severity(action)) {
                    action = rule.action();
                }
            }
        }
        int score = (int) Math.round(100 * (1 - remaining));
        List<String> reasons = acting.stream().sorted(Comparator.comparingInt(RuleResult::score).reversed()
                        .thenComparing(r -> -severity(r.action())))
                .map(RuleResult::reason).distinct().limit(MAX_REASONS).toList();
        return new Verdict(action, Math.clamp(score, 0, 100), reasons, results);
    }

    public static int severity(RiskAction action) {
        return switch (action) {
            case ALLOW -> 0;
            case CHALLENGE -> 1;
            case REVIEW -> 2;
            case BLOCK -> 3;
        };
    }
}
