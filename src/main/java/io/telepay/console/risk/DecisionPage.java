package io.telepay.console.risk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.telepay.console.Names;
import io.telepay.risk.DecisionView;
import io.telepay.risk.RiskDecisions;
import io.telepay.risk.RuleMode;
import io.telepay.shared.Actor;
import io.telepay.shared.Actors;
import io.telepay.shared.Role;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Why the risk engine decided what it did on a payment: the action, score and reasons, every rule version it
 * ran (matched active rules first, then matched shadow ones), the replay of those versions on the stored
 * feature values with the hash check, and every feature value grouped by subject. A supervisor sees their
 * team's sales only (the risk module decides the reach).
 */
@Controller
@RequestMapping("/console/risk/decisions")
@PreAuthorize("hasAnyRole('RISK_ANALYST', 'SUPERVISOR', 'ADMIN')")
class DecisionPage {

    /** The payment's own facts; every other group is one of the subjects features are counted for. */
    private static final String PAYMENT = "payment";

    private final RiskDecisions decisions;
    private final Names names;
    private final Blocks blocks;

    DecisionPage(RiskDecisions decisions, Names names, Blocks blocks) {
        this.decisions = decisions;
        this.names = names;
        this.blocks = blocks;
    }

    /** One feature value as shown; {@code notable} when it is not zero, false or empty. */
    record FeatureRow(String name, Object value, String description, boolean notable) {

        /** A yes-or-no feature's value as a message key ({@code risk.decision.true}); null for other values. */
        public String yesNo() {
            return value instanceof Boolean b ? "risk.decision." + b : null;
        }
    }

    @GetMapping("/{paymentId}")
    String decision(@PathVariable String paymentId, Model model) {
        DecisionView decision = decisions.get(paymentId);
        model.addAttribute("decision", decision);
        model.addAttribute("agent", decision.agentId() == null ? null : names.staff(decision.agentId()));
        // what acted first: matched active rules, then matched shadow ones, then the rest; higher scores first
        Comparator<DecisionView.RuleHit> actedFirst = Comparator.comparing((DecisionView.RuleHit r) -> !r.matched())
                .thenComparing(r -> r.mode() != RuleMode.ACTIVE).thenComparing(r -> -r.score());
        model.addAttribute("rules", decision.rules().stream().sorted(actedFirst).toList());
        model.addAttribute("groups", groups(decision.features(), decisions.featureSubjects(), decisions.featureDescriptions()));
        Actor viewer = Actors.current();
        model.addAttribute("rulesLinked", viewer.is(Role.RISK_ANALYST) || viewer.is(Role.ADMIN));
        model.addAttribute("blockable", blocks.allowed() ? blocks.targets(paymentId, null, null) : List.of());
        return "console/risk/decision";
    }

    /** "Block this card / phone / e-mail" of the payment, with a reason and an optional last day. */
    @PostMapping("/{paymentId}/block")
    String block(@PathVariable String paymentId, Blocks.BlockForm form, Model model, RedirectAttributes redirect) {
        return blocks.submit(form, () -> {
            decisions.get(paymentId);
            return blocks.targets(paymentId, null, null);
        }, "/console/risk/decisions/" + paymentId, model, redirect, () -> decision(paymentId, model));
    }

    private static Map<String, List<FeatureRow>> groups(Map<String, Object> features, List<String> subjects,
                                                        Map<String, String> descriptions) {
        Map<String, List<FeatureRow>> groups = new LinkedHashMap<>();
        groups.put(PAYMENT, new ArrayList<>());
        subjects.forEach(subject -> groups.put(subject, new ArrayList<>()));
        features.forEach((name, value) -> {
            String prefix = name.substring(0, Math.max(0, name.indexOf('.')));
            String group = groups.containsKey(prefix) ? prefix : PAYMENT;
            groups.get(group).add(new FeatureRow(name, value, descriptions.getOrDefault(name, ""), notable(value)));
        });
        groups.values().removeIf(List::isEmpty);
        return groups;
    }

    private static boolean notable(Object value) {
        return switch (value) {
            case null -> false;
            case Boolean b -> b;
            case Number n -> n.doubleValue() != 0;
            case String s -> !s.isBlank() && !s.matches("0(\\.0+)? [A-Z]{3}");
            default -> true;
        };
    }
}
