package io.telepay.console.risk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.telepay.console.Names;
import io.telepay.console.Problem;
import io.telepay.risk.AlertSignal;
import io.telepay.risk.AlertView;
import io.telepay.risk.BlockedAttempt;
import io.telepay.risk.ListKind;
import io.telepay.risk.RiskAlerts;
import io.telepay.risk.RiskDecisions;
import io.telepay.shared.Actors;
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
 * The alert queue: most severe and oldest first, each with its evidence (the card's refused attempts among it),
 * links, a resolution with a note, and for analysts "block this card / phone / e-mail" with a reason and a last day.
 */
@Controller
@RequestMapping("/console/risk/alerts")
@PreAuthorize("hasAnyRole('RISK_ANALYST', 'SUPERVISOR', 'ADMIN')")
class AlertsPage {

    static final int PAGE = 100;
    /** How call signals name the note an alert came from: "call call_…, note note_…: asked for …". */
    private static final Pattern CALL_NOTE = Pattern.compile("\\bcall (call_\\w+), note (note_\\w+)");
    /** How payment signals name the payment a line is about: "… (payment pay_…, customer …)". */
    private static final Pattern PAYMENT = Pattern.compile("\\bpayment (pay_\\w+)");

    /** An evidence line, with the console pages of the call, note or payment it names. */
    record Evidence(String text, List<Link> links) {
    }

    /** @param label message key of the link's text */
    record Link(String label, String href) {
    }

    private final RiskAlerts alerts;
    private final Names names;
    private final Blocks blocks;
    private final RiskDecisions decisions;

    AlertsPage(RiskAlerts alerts, Names names, Blocks blocks, RiskDecisions decisions) {
        this.alerts = alerts;
        this.names = names;
        this.blocks = blocks;
        this.decisions = decisions;
    }

    @GetMapping
    String list(@RequestParam(defaultValue = "OPEN") String status, @RequestParam(required = false) String signal,
                @RequestParam(required = false) String subject, @RequestParam(required = false) String assignee,
                @RequestParam(required = false) String cursor, Model model) {
        String shownStatus = status.isBlank() || status.equalsIgnoreCase("ALL") ? null : status.toUpperCase(Locale.ROOT);
        AlertSignal chosen = null;
        if (signal != null && !signal.isBlank()) {
            try {
                chosen = AlertSignal.valueOf(signal.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                chosen = null;
            }
        }
        String whose = "me".equals(assignee) || "none".equals(assignee) ? assignee : null;
        var page = alerts.list(shownStatus, chosen, subject == null || subject.isBlank() ? null : subject.strip(), whose, cursor, PAGE);
        model.addAttribute("alerts", page.items());
        model.addAttribute("names", namesOf(page.items()));
        model.addAttribute("nextCursor", page.nextCursor());
        model.addAttribute("status", shownStatus == null ? "ALL" : shownStatus);
        model.addAttribute("signal", chosen);
        model.addAttribute("subject", subject);
        model.addAttribute("assignee", whose);
        model.addAttribute("signals", AlertSignal.values());
        return "console/risk/alerts";
    }

    @GetMapping("/{id}")
    String detail(@PathVariable String id, Model model) {
        AlertView alert = alerts.get(id);
        model.addAttribute("alert", alert);
        model.addAttribute("evidence", alert.evidence().stream().map(AlertsPage::evidence).toList());
        Map<String, String> shownNames = namesOf(List.of(alert));
        model.addAttribute("names", shownNames);
        model.addAttribute("meId", Actors.current().userId());
        model.addAttribute("related", alerts.list(null, null, alert.subject().id(), null, 20).items().stream()
                .filter(other -> !other.id().equals(alert.id())).toList());
        List<Blocks.Target> targets = targets(alert);
        model.addAttribute("blockable", blocks.allowed() ? targets : List.of());
        // the card's refused attempts: how hard someone has been trying it
        String card = targets.stream().filter(t -> t.kind() == ListKind.CARD).map(Blocks.Target::value).findFirst().orElse(null);
        model.addAttribute("blockedCard", card);
        List<BlockedAttempt> refused = card == null ? List.of() : decisions.blockedWithCard(card, 20);
        refused.stream().map(BlockedAttempt::agentId).filter(java.util.Objects::nonNull)
                .forEach(agent -> shownNames.computeIfAbsent(agent, names::staff));
        model.addAttribute("blockedAttempts", refused);
        return "console/risk/alert";
    }

    private List<Blocks.Target> targets(AlertView alert) {
        ListKind subjectKind = switch (alert.subject().kind()) {
            case CARD -> ListKind.CARD;
            case PHONE -> ListKind.PHONE;
            case IP -> ListKind.IP;
            default -> null;
        };
        return blocks.targets(alert.paymentId(), subjectKind, alert.subject().id());
    }

    @PostMapping("/{id}/block")
    String block(@PathVariable String id, Blocks.BlockForm form, Model model, RedirectAttributes redirect) {
        return blocks.submit(form, () -> targets(alerts.get(id)), "/console/risk/alerts/" + id, model, redirect,
                () -> detail(id, model));
    }

    static Evidence evidence(String line) {
        List<Link> links = new ArrayList<>();
        Matcher call = CALL_NOTE.matcher(line);
        if (call.find()) {
            String note = call.group(2);
            String href = "/console/risk/calls/" + call.group(1) + "?note=" + note + "#note-" + note;
            links.add(new Link("risk.alerts.openCall", href));
        }
        Matcher payment = PAYMENT.matcher(line);
        if (payment.find()) {
            links.add(new Link("risk.alerts.openDecision", "/console/risk/decisions/" + payment.group(1)));
        }
        return new Evidence(line, links);
    }

    /** Who the ids on these alerts are: agents and customers by name (an id the viewer cannot see stays an id). */
    private Map<String, String> namesOf(List<AlertView> shown) {
        Map<String, String> shownNames = new HashMap<>();
        for (AlertView alert : shown) {
            if (alert.agentId() != null) {
                shownNames.computeIfAbsent(alert.agentId(), names::staff);
            }
            if (alert.assignee() != null) {
                shownNames.computeIfAbsent(alert.assignee(), names::staff);
            }
            switch (alert.subject().kind()) {
                case AGENT -> shownNames.computeIfAbsent(alert.subject().id(), names::staff);
                case CUSTOMER -> shownNames.computeIfAbsent(alert.subject().id(), names::customer);
                default -> {
                }
            }
        }
        return shownNames;
    }

    @PostMapping("/{id}/{change:assign|unassign}")
    String assign(@PathVariable String id, @PathVariable String change, RedirectAttributes redirect) {
        try {
            if (change.equals("assign")) {
                alerts.assign(id, null);
            } else {
                alerts.unassign(id);
            }
            redirect.addFlashAttribute("notice", change.equals("assign") ? "risk.alerts.taken" : "risk.alerts.released");
        } catch (TelepayProblem problem) {
            if (problem.status() == 404) {
                throw problem;
            }
            redirect.addFlashAttribute("problem", Problem.of(problem));
        }
        return "redirect:/console/risk/alerts/" + id;
    }

    @PostMapping("/{id}/resolve")
    String resolve(@PathVariable String id, @RequestParam(defaultValue = "") String outcome, @RequestParam(defaultValue = "") String note,
                   Model model, RedirectAttributes redirect) {
        try {
            alerts.resolve(id, outcome, note.isBlank() ? null : note);
            redirect.addFlashAttribute("notice", "risk.alerts.resolved");
            return "redirect:/console/risk/alerts/" + id;
        } catch (TelepayProblem problem) {
            if (problem.status() == 404) {
                throw problem;
            }
            model.addAttribute("problem", Problem.of(problem));
            model.addAttribute("note", note);
            return detail(id, model);
        }
    }
}
