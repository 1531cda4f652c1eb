package io.telepay.console.risk;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import io.telepay.console.ConsoleDates;
import io.telepay.console.Problem;
import io.telepay.learning.ModelStatus;
import io.telepay.risk.Backtests;
import io.telepay.risk.FraudModels;
import io.telepay.risk.NewRule;
import io.telepay.risk.RiskAction;
import io.telepay.risk.RiskRules;
import io.telepay.risk.RuleMode;
import io.telepay.risk.RuleView;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.TelepayProblem;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The rules: list with hits, an editor that checks the expression as it is typed (htmx) and on save,
 * a shadow/active switch, and a backtest form; the learned fraud model's versions with their figures, a training form
 * and the switch (confirmed by a tick: switching a model ACTIVE lets rules that name {@code model.fraudScore} act on it).
 */
@Controller
@RequestMapping("/console/risk/rules")
@PreAuthorize("hasAnyRole('RISK_ANALYST', 'ADMIN')")
class RulesPage {

    private final RiskRules rules;
    private final Backtests backtests;
    private final ConsoleDates dates;
    private final FraudModels fraudModels;

    RulesPage(RiskRules rules, Backtests backtests, ConsoleDates dates, FraudModels fraudModels) {
        this.rules = rules;
        this.backtests = backtests;
        this.dates = dates;
        this.fraudModels = fraudModels;
    }

    /** A rule as the editor form holds it. */
    record RuleForm(String name, String expression, RiskAction action, RuleMode mode, boolean enabled, int score, String reason) {

        static RuleForm blank() {
            return new RuleForm("", "", RiskAction.REVIEW, RuleMode.SHADOW, true, 50, "");
        }

        static RuleForm of(RuleView rule) {
            return new RuleForm(rule.name(), rule.expression(), rule.action(), rule.mode(), rule.enabled(), rule.score(), rule.reason());
        }

        NewRule toRule() {
            return new NewRule(name, expression, action, mode, enabled, score, reason);
        }
    }

    /** Where an expression went wrong, for the caret under it. */
    record Check(boolean ok, String message, int column) {

        static Check of(String expression, RiskRules rules) {
            try {
                rules.check(expression);
                return new Check(true, null, 0);
            } catch (io.telepay.risk.RuleSyntaxError e) {
                return new Check(false, e.problem(), e.column());
            } catch (InvalidInput e) {
                return new Check(false, e.getMessage(), 0);
            }
        }

        /** Spaces up to the column, for a caret under the expression. */
        public String pad() {
            return column <= 1 ? "" : " ".repeat(column - 1);
        }
    }

    @GetMapping
    String list(Model model) {
        // the rules in force first, the disabled ones after them
        model.addAttribute("rules", rules.list().stream().sorted(java.util.Comparator.comparing(rule -> !rule.enabled())).toList());
        if (!model.containsAttribute("from")) {
            LocalDate today = LocalDate.now(dates.zone());
            model.addAttribute("from", today.minusDays(7).toString());
            model.addAttribute("to", today.toString());
            model.addAttribute("expression", "");
        }
        if (!model.containsAttribute("trainFrom")) {
            LocalDate today = LocalDate.now(dates.zone());
            model.addAttribute("trainFrom", today.minusDays(90).toString());
            model.addAttribute("trainTo", today.minusDays(1).toString());
        }
        model.addAttribute("fraudModels", fraudModels.versions());
        model.addAttribute("fraudState", fraudModels.state());
        return "console/risk/rules";
    }

    /** Trains a new fraud model version on the days from–to (inclusive); it starts in SHADOW. */
    @PostMapping("/models/train")
    String train(@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to, Model model,
                 RedirectAttributes redirect) {
        try {
            fraudModels.train(day(from, "from"), day(to, "to").plusSeconds(86_400));
            redirect.addFlashAttribute("notice", "risk.models.trained");
            return "redirect:/console/risk/rules#models";
        } catch (TelepayProblem problem) {
            model.addAttribute("modelProblem", Problem.of(problem));
            model.addAttribute("trainFrom", from);
            model.addAttribute("trainTo", to);
            return list(model);
        }
    }

    /** Switches a fraud model version; the tick confirms it (a model switched ACTIVE lets rules act on its score). */
    @PostMapping("/models/{id}/status")
    String switchModel(@PathVariable String id, @RequestParam(defaultValue = "") String status,
                       @RequestParam(defaultValue = "false") boolean confirm, Model model, RedirectAttributes redirect) {
        try {
            ModelStatus to = ModelStatus.parseSwitch("status", status);
            if (!confirm) {
                throw new InvalidInput("confirm", "tick to confirm the switch");
            }
            fraudModels.switchTo(id, to);
            redirect.addFlashAttribute("notice", "risk.models.switched");
            return "redirect:/console/risk/rules#models";
        } catch (TelepayProblem problem) {
            if (problem.status() == 404) {
                throw problem;
            }
            model.addAttribute("modelProblem", Problem.of(problem));
            return list(model);
        }
    }

    @GetMapping("/new")
    String create(Model model) {
        model.addAttribute("form", RuleForm.blank());
        model.addAttribute("actions", RiskAction.values());
        return "console/risk/rule";
    }

    @GetMapping("/{id}")
    String edit(@PathVariable String id, Model model) {
        RuleView rule = rules.get(id);
        model.addAttribute("rule", rule);
        model.addAttribute("form", RuleForm.of(rule));
        model.addAttribute("versions", rules.versions(id));
        model.addAttribute("actions", RiskAction.values());
        return "console/risk/rule";
    }

    @PostMapping
    String save(@RequestParam(required = false) String id, @RequestParam(defaultValue = "") String name,
                @RequestParam(defaultValue = "") String expression, @RequestParam(defaultValue = "REVIEW") RiskAction action,
                @RequestParam(defaultValue = "SHADOW") RuleMode mode, @RequestParam(defaultValue = "false") boolean enabled,
                @RequestParam(defaultValue = "50") int score, @RequestParam(defaultValue = "") String reason,
                Model model, RedirectAttributes redirect) {
        RuleForm form = new RuleForm(name, expression, action, mode, enabled, score, reason.isBlank() ? null : reason);
        try {
            RuleView saved = id == null || id.isBlank() ? rules.create(form.toRule()) : rules.update(id, form.toRule());
            redirect.addFlashAttribute("notice", "risk.rules.saved");
            return "redirect:/console/risk/rules/" + saved.id();
        } catch (TelepayProblem problem) {
            if (problem.status() == 404) {
                throw problem;
            }
            model.addAttribute("problem", Problem.of(problem));
            model.addAttribute("check", Check.of(expression, rules));
            model.addAttribute("form", form);
            model.addAttribute("actions", RiskAction.values());
            if (id != null && !id.isBlank()) {
                model.addAttribute("rule", rules.get(id));
                model.addAttribute("versions", rules.versions(id));
            }
            return "console/risk/rule";
        }
    }

    /** htmx: the expression checked as it is typed. */
    @PostMapping("/check")
    String check(@RequestParam(defaultValue = "") String expression, Model model) {
        model.addAttribute("check", expression.isBlank() ? null : Check.of(expression, rules));
        model.addAttribute("expression", expression);
        return "console/risk/rule :: check";
    }

    @PostMapping("/{id}/mode")
    String mode(@PathVariable String id, @RequestParam RuleMode mode, RedirectAttributes redirect) {
        rules.setMode(id, mode);
        redirect.addFlashAttribute("notice", "risk.rules.saved");
        return "redirect:/console/risk/rules";
    }

    @PostMapping("/{id}/enabled")
    String enabled(@PathVariable String id, @RequestParam boolean enabled, RedirectAttributes redirect) {
        rules.setEnabled(id, enabled);
        redirect.addFlashAttribute("notice", "risk.rules.saved");
        return "redirect:/console/risk/rules";
    }

    @PostMapping("/backtest")
    String backtest(@RequestParam(defaultValue = "") String expression, @RequestParam(defaultValue = "") String from,
                    @RequestParam(defaultValue = "") String to, Model model) {
        model.addAttribute("expression", expression);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        try {
            model.addAttribute("backtest", backtests.run(expression, day(from, "from"), day(to, "to").plusSeconds(86_400)));
        } catch (TelepayProblem problem) {
            model.addAttribute("backtestProblem", Problem.of(problem));
            model.addAttribute("check", Check.of(expression, rules));
        }
        return list(model);
    }

    private Instant day(String text, String field) {
        try {
            return LocalDate.parse(text.strip()).atStartOfDay(dates.zone()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "must be a date");
        }
    }
}
