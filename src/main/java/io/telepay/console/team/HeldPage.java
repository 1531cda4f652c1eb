package io.telepay.console.team;

import io.telepay.console.Problem;
import io.telepay.payment.PaymentOperations;
import io.telepay.payment.PaymentStatus;
import io.telepay.payment.Payments;
import io.telepay.shared.TelepayProblem;
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
 * A supervisor sees their team's, an admin all.
 */
@Controller
@RequestMapping("/console/team/held")
@PreAuthorize("hasAnyRole('SUPERVISOR', 'ADMIN')")
class HeldPage {

    private final Payments payments;
    private final PaymentOperations operations;

    HeldPage(Payments payments, PaymentOperations operations) {
        this.payments = payments;
        this.operations = operations;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("review", payments.list(PaymentStatus.REVIEW, 200));
        model.addAttribute("authorized", payments.list(PaymentStatus.AUTHORIZED, 200));
        return "console/team/held";
    }

    @PostMapping("/{id}/{action:release|capture|void}")
    String act(@PathVariable String id, @PathVariable String action, Model model, RedirectAttributes redirect) {
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
