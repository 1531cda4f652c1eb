package io.telepay.risk.web;

import java.util.List;

import io.telepay.risk.DecisionView;
import io.telepay.risk.NewRule;
import io.telepay.risk.RiskDecisions;
import io.telepay.risk.RiskRules;
import io.telepay.risk.RuleView;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/risk")
class RiskRuleController {

    private final RiskRules rules;
    private final RiskDecisions decisions;
    private final io.telepay.risk.Backtests backtests;

    RiskRuleController(RiskRules rules, RiskDecisions decisions, io.telepay.risk.Backtests backtests) {
        this.rules = rules;
        this.decisions = decisions;
        this.backtests = backtests;
    }

    record Rules(List<RuleView> items) {
    }

    @GetMapping("/rules")
    @PreAuthorize("hasAnyRole('RISK_ANALYST', 'ADMIN')")
    Rules list() {
        return new Rules(rules.list());
    }

    @PostMapping("/rules")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('RISK_ANALYST', 'ADMIN')")
    RuleView create(@RequestBody NewRule rule) {
        return rules.create(rule);
    }

    @GetMapping("/rules/{id}")
    @PreAuthorize("hasAnyRole('RISK_ANALYST', 'ADMIN')")
    RuleView get(@PathVariable String id) {
        return rules.get(id);
    }

    /** A new version of the rule; fields left out keep their value. */
    @PutMapping("/rules/{id}")
    @PreAuthorize("hasAnyRole('RISK_ANALYST', 'ADMIN')")
    RuleView update(@PathVariable String id, @RequestBody NewRule rule) {
        return rules.update(id, rule);
    }

    @GetMapping("/rules/{id}/versions")
    @PreAuthorize("hasAnyRole('RISK_ANALYST', 'ADMIN')")
    Rules versions(@PathVariable String id) {
        return new Rules(rules.versions(id));
    }

    @PostMapping("/rules/{id}/enable")
    @PreAuthorize("hasAnyRole('RISK_ANALYST', 'ADMIN')")
    RuleView enable(@PathVariable String id) {
        return rules.setEnabled(id, true);
    }

    @PostMapping("/rules/{id}/disable")
    @PreAuthorize("hasAnyRole('RISK_ANALYST', 'ADMIN')")
    RuleView disable(@PathVariable String id) {
        return rules.setEnabled(id, false);
    }

    record Backtest(String expression, java.time.Instant from, java.time.Instant to) {
    }

    /** The expression over stored attempts in [from, to), each with its features as of its own time. */
    @PostMapping("/rules/backtest")
    @PreAuthorize("hasAnyRole('RISK_ANALYST', 'ADMIN')")
    io.telepay.risk.BacktestResult backtest(@RequestBody Backtest body) {
        return backtests.run(body.expression(), body.from(), body.to());
    }

    @GetMapping("/decisions/{paymentId}")
    @PreAuthorize("hasAnyRole('RISK_ANALYST', 'SUPERVISOR', 'ADMIN')")
    DecisionView decision(@PathVariable String paymentId) {
        return decisions.get(paymentId);
    }
}
