package io.telepay.console.trust;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.telepay.console.Problem;
import io.telepay.customer.CustomerDirectory;
import io.telepay.identity.StaffDirectory;
import io.telepay.identity.StaffUser;
import io.telepay.shared.CardNumbers;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.NotFound;
import io.telepay.shared.StateConflict;
import io.telepay.shared.TelepayProblem;
import io.telepay.shared.TelepayProblem.FieldError;
import io.telepay.trust.report.EvidenceDownloads;
import io.telepay.trust.report.LinkKind;
import io.telepay.trust.report.ReportDesk;
import io.telepay.trust.report.ReportStatus;
import io.telepay.trust.report.ReportView;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
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
 * The fraud-report triage desk: the queue (by status, newest first), a report with what happened, its
 * evidence (each file's size, type and SHA-256; opening one is recorded in its chain of custody, as the
 * API records it), its links to calls, agents, customers, payments and cards, its status, and the
 * evidence bundle for the police. Reach is the trust module's: a supervisor sees only reports about
 * their team, with the reporter's contact masked.
 */
@Controller
@RequestMapping("/console/trust/reports")
@PreAuthorize("hasAnyRole('RISK_ANALYST', 'SUPERVISOR', 'ADMIN')")
class ReportsPage {

    static final int PAGE = 25;

    private final ReportDesk desk;
    private final StaffDirectory staff;
    private final CustomerDirectory customers;

    ReportsPage(ReportDesk desk, StaffDirectory staff, CustomerDirectory customers) {
        this.desk = desk;
        this.staff = staff;
        this.customers = customers;
    }

    /** What was typed into the link form, to show again with the problem; a card number typed by mistake is masked. */
    record LinkForm(LinkKind kind, String target) {
        LinkForm {
            target = CardNumbers.mask(target);
        }
    }

    @GetMapping
    String queue(@RequestParam(required = false) String status, @RequestParam(required = false) String cursor, Model model) {
        ReportStatus wanted = status(status);
        var page = desk.list(wanted, cursor == null || cursor.isBlank() ? null : cursor.strip(), PAGE);
        model.addAttribute("reports", page.items());
        model.addAttribute("next", page.nextCursor());
        model.addAttribute("status", wanted);
        model.addAttribute("statuses", ReportStatus.values());
        return "console/trust/reports";
    }

    /**
     * The customer finder: by name, phone (as said locally) or e-mail, to link the report to the right person.
     * A POST, so what was typed stays out of URLs and access logs (a reporter's card number typed by mistake).
     */
    @PostMapping("/{id}/customers")
    String findCustomer(@PathVariable String id, @RequestParam(defaultValue = "") String query, Model model) {
        desk.get(id);
        String typed = query.strip();
        if (typed.isEmpty()) {
            model.addAttribute("customerProblem", Problem.of(new InvalidInput("query", "is required")));
        } else if (CardNumbers.contains(typed)) {
            model.addAttribute("customerProblem", Problem.of(new InvalidInput("query", "must not contain a card number")));
        } else {
            try {
                model.addAttribute("customers", customers.list(typed, null, null, 10).items());
            } catch (InvalidInput problem) {
                String message = problem.errors().isEmpty() ? problem.getMessage() : problem.errors().getFirst().message();
                model.addAttribute("customerProblem", Problem.of(new InvalidInput("query", message)));
            }
        }
        model.addAttribute("customerQuery", CardNumbers.mask(typed));
        return report(id, model);
    }

    @GetMapping("/{id}")
    String report(@PathVariable String id, Model model) {
        ReportView report = desk.get(id);
        model.addAttribute("report", report);
        model.addAttribute("custody", desk.custody(id));
        model.addAttribute("moves", Arrays.stream(ReportStatus.values()).filter(report.status()::canMoveTo).toList());
        model.addAttribute("kinds", LinkKind.values());
        Names names = new Names(staff);
        model.addAttribute("updatedBy", names.of(report.updatedBy()));
        model.addAttribute("names", names);
        if (!model.containsAttribute("linkForm")) {
            model.addAttribute("linkForm", new LinkForm(LinkKind.PAYMENT, ""));
        }
        return "console/trust/report";
    }

    @PostMapping("/{id}/status")
    String status(@PathVariable String id, @RequestParam(required = false) String status, @RequestParam(defaultValue = "") String note,
                  Model model, HttpServletResponse response, RedirectAttributes redirect) {
        desk.get(id);
        try {
            ReportStatus next = status == null || status.isBlank() ? null : status(status);
            desk.changeStatus(id, next, note.isBlank() ? null : note);
        } catch (InvalidInput | StateConflict problem) {
            response.setStatus(problem.status());
            model.addAttribute("statusProblem", Problem.of(problem));
            model.addAttribute("note", CardNumbers.mask(note));
            return report(id, model);
        }
        redirect.addFlashAttribute("notice", "trust.desk.statusChanged");
        return "redirect:/console/trust/reports/" + id;
    }

    @PostMapping("/{id}/links")
    String link(@PathVariable String id, @RequestParam(required = false) LinkKind kind, @RequestParam(defaultValue = "") String target,
                Model model, HttpServletResponse response, RedirectAttributes redirect) {
        desk.get(id); // a report out of reach is a 404 page, not a problem of the form
        try {
            desk.link(id, kind, target);
        } catch (InvalidInput | NotFound problem) {
            // the report is there: what was typed is at fault, whether malformed or naming nothing in reach
            response.setStatus(400);
            model.addAttribute("linkProblem", linkProblem(problem, kind));
            model.addAttribute("linkUnknown", problem instanceof NotFound);
            model.addAttribute("linkForm", new LinkForm(kind, target));
            return report(id, model);
        }
        redirect.addFlashAttribute("notice", "trust.desk.linked");
        return "redirect:/console/trust/reports/" + id;
    }

    /** One evidence file as received, verified against its SHA-256 and recorded as OPENED; always a download. */
    @GetMapping("/{id}/evidence/{evidenceId}")
    ResponseEntity<byte[]> evidence(@PathVariable String id, @PathVariable String evidenceId) {
        return EvidenceDownloads.file(desk.openEvidence(id, evidenceId));
    }

    /** The bundle for the police (API.md): {@code manifest.json} and the files, each verified; recorded as EXPORTED. */
    @GetMapping("/{id}/bundle")
    ResponseEntity<byte[]> bundle(@PathVariable String id) {
        return EvidenceDownloads.bundle(id, desk.bundle(id));
    }

    /** Staff names for the ids a report holds (who linked, an agent linked); the id when nobody has it. */
    public record Names(StaffDirectory staff) {

        public String of(String id) {
            return id == null ? "" : staff.find(id).map(StaffUser::displayName).orElse(id);
        }
    }

    /** The service names the linked thing {@code id}; the form calls it {@code target}. Unknown is its fault too. */
    private static Problem linkProblem(TelepayProblem problem, LinkKind kind) {
        if (problem instanceof NotFound) {
            String what = kind == null ? "" : kind.name().toLowerCase(Locale.ROOT) + " ";
            return Problem.of(new InvalidInput("target", "no " + what + "with this id that you can reach"));
        }
        List<FieldError> fields = problem.errors().stream()
                .map(e -> e.field().equals("id") ? new FieldError("target", e.message()) : e).toList();
        return new Problem(problem.status(), problem.getMessage(), fields);
    }

    private static ReportStatus status(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return ReportStatus.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("status", "must be one of " + Arrays.toString(ReportStatus.values()));
        }
    }
}
