package io.telepay.console.team;

import java.util.List;

import io.telepay.console.Names;
import io.telepay.console.Problem;
import io.telepay.order.OrderView;
import io.telepay.order.Orders;
import io.telepay.payment.PaymentOperations;
import io.telepay.payment.PaymentStatus;
import io.telepay.payment.PaymentView;
import io.telepay.payment.Payments;
import io.telepay.shared.Actors;
import io.telepay.shared.NotFound;
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
 * void, as the API allows them), not the captures of waiting authorizations. Each shows who (customer,
 * agent), what (the order's lines), the card and risk's reasons, and every action asks for confirmation.
 * A hold whose agent or card is tied to fraud is released by a risk analyst only (the service refuses
 * anyone else; the page says so instead of offering the button).
 */
@Controller
@RequestMapping("/console/team/held")
@PreAuthorize("hasAnyRole('SUPERVISOR', 'ADMIN', 'RISK_ANALYST')")
class HeldPage {

    /**
     * A payment as the queue shows it.
     *
     * @param order        null when the order is out of the reader's reach
     * @param riskStaffOnly the hold is tied to fraud: only a risk analyst releases it
     */
    record Held(PaymentView payment, OrderView order, String customer, String agent, boolean riskStaffOnly) {
    }

    private final Payments payments;
    private final PaymentOperations operations;
    private final Orders orders;
    private final Names names;

    HeldPage(Payments payments, PaymentOperations operations, Orders orders, Names names) {
        this.payments = payments;
        this.operations = operations;
        this.orders = orders;
        this.names = names;
    }

    @GetMapping
    String list(Model model) {
        boolean analyst = Actors.current().is(Role.RISK_ANALYST);
        model.addAttribute("review", payments.list(PaymentStatus.REVIEW, 200).stream().map(p -> held(p, true)).toList());
        model.addAttribute("reviewOnly", analyst);
        model.addAttribute("mayReleaseFraudHolds", analyst);
        model.addAttribute("authorized", analyst ? List.of()
                : payments.list(PaymentStatus.AUTHORIZED, 200).stream().map(p -> held(p, false)).toList());
        return "console/team/held";
    }

    private Held held(PaymentView payment, boolean review) {
        OrderView order;
        try {
            order = orders.get(payment.orderId());
        } catch (NotFound outOfReach) {
            order = null;
        }
        String customer = order == null ? null : names.customer(order.customerId());
        String agent = order == null || order.agentId() == null ? null : names.staff(order.agentId());
        boolean riskStaffOnly = review && operations.releaseNeedsRiskStaff(payment.id());
        return new Held(payment, order, customer, agent, riskStaffOnly);
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
