package io.telepay.console.team;

import java.util.List;

import io.telepay.console.Problem;
import io.telepay.payment.PaymentOperations;
import io.telepay.payment.PaymentStatus;
import io.telepay.payment.Payments;
import io.telepay.shared.Actors;
import io.telepay.shared.Role;
import io.telepay.shared.TelepayProblem;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Payments not captured yet: held by risk for a review (release captures, void releases the card) and
 * authorizations waiting for a capture (e.g. a customer who did not answer a confirmation request).
 * A supervisor sees their team's, an admin all; a risk analyst works the review queue only (release or
 * void, as the API allows them), not the captures of waiting authorizations.
 */
@Controller
@RequestMapping("/console/team/held")
@PreAuthorize("hasAnyRole('SUPERVISOR', 'ADMIN', 'RISK_ANALYST')")
class HeldPage {

    private final Payments payments;
    private final PaymentOperations operations;

    HeldPage(Payments payments, PaymentOperations operations) {
        this.payments = payments;
        this.operations = operations;
    }

    @GetMapping
    String list(Model model) {
        boolean analyst = Actors.current().is(Role.RISK_ANALYST);
        model.addAttribute("review", payments.list(PaymentStatus.REVIEW, 200));
        model.addAttribute("reviewOnly", analyst);
        model.addAttribute("authorized", analyst ? List.of() : payments.list(PaymentStatus.AUTHORIZED, 200));
        return "console/team/held";
    }

    @PostMapping("/{id}/{action:release|capture|void}")
    String act(@PathVariable String id, @PathVariable String action, Model model, RedirectAttributes redirect) {
        if (Actors.current().is(Role.RISK_ANALYST)
                && (action.equals("capture") || payments.get(id).status() != PaymentStatus.REVIEW)) {
            throw new AccessDeniedException("analysts release or void payments held for review only");
        }
        try {
            var done = switch (action) {
                case "release" -> operations.release(id);
                case "capture" -> operations.capture(id, null);
                default -> operations.voidPayment(id);
            };
            redirect.addFlashAttribute("notice", "held." + action + "." + done.status().name());
            return "redirect:/console/team/held";
        } catch (TelepayProblem problem) {
            model.addAttribute("problem", Problem.of(problem));
            return list(model);
        }
    }
}
