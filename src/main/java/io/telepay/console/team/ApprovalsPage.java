package io.telepay.console.team;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.telepay.console.Names;
import io.telepay.console.Problem;
import io.telepay.order.OrderView;
import io.telepay.order.Orders;
import io.telepay.payment.OperationStatus;
import io.telepay.payment.OperationView;
import io.telepay.payment.PaymentOperations;
import io.telepay.payment.PaymentView;
import io.telepay.payment.Payments;
import io.telepay.shared.Actors;
import io.telepay.shared.NotFound;
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
 * Refunds above the approval threshold waiting for a second person: a supervisor sees their team's, an
 * admin all. Nobody approves or rejects a refund they asked for: the page shows it without buttons, and
 * the service refuses it anyway. Each shows whose sale it is, what was sold and the card the money goes back
 * to; approving and rejecting ask for confirmation.
 */
@Controller
@RequestMapping("/console/team/approvals")
@PreAuthorize("hasAnyRole('SUPERVISOR', 'ADMIN')")
class ApprovalsPage {

    private final PaymentOperations operations;
    private final Names names;
    private final Payments payments;
    private final Orders orders;

    ApprovalsPage(PaymentOperations operations, Names names, Payments payments, Orders orders) {
        this.operations = operations;
        this.names = names;
        this.payments = payments;
        this.orders = orders;
    }

    /**
     * A refund as the page shows it: whose sale (customer, agent), what was sold, and the card it goes back to.
     *
     * @param payment null when the payment is out of the reader's reach; so is {@code order}
     */
    record Waiting(OperationView refund, PaymentView payment, OrderView order, String customer, String agent) {
    }

    @GetMapping
    String list(Model model) {
        List<OperationView> refunds = operations.refunds(OperationStatus.PENDING_APPROVAL, 200);
        model.addAttribute("refunds", refunds.stream().map(this::waiting).toList());
        // who asked, by the name colleagues know them by (an integration's key keeps its own name)
        Map<String, String> askedBy = new HashMap<>();
        for (OperationView refund : refunds) {
            askedBy.computeIfAbsent(refund.requestedBy(), id -> names.staff(id, refund.requestedByName()));
        }
        model.addAttribute("names", askedBy);
        model.addAttribute("actorId", Actors.current().id());
        return "console/team/approvals";
    }

    private Waiting waiting(OperationView refund) {
        try {
            PaymentView payment = payments.get(refund.paymentId());
            OrderView order = orders.get(refund.orderId());
            return new Waiting(refund, payment, order, names.customer(order.customerId()),
                    order.agentId() == null ? null : names.staff(order.agentId()));
        } catch (NotFound outOfReach) {
            return new Waiting(refund, null, null, null, null);
        }
    }

    @PostMapping("/{id}/{decision:approve|reject}")
    String decide(@PathVariable String id, @PathVariable String decision, @RequestParam(defaultValue = "") String note,
                  Model model, RedirectAttributes redirect) {
        try {
            if (decision.equals("approve")) {
                operations.approve(id, note);
            } else {
                operations.reject(id, note);
            }
            redirect.addFlashAttribute("notice", "approvals." + decision + "d");
            return "redirect:/console/team/approvals";
        } catch (TelepayProblem problem) {
            model.addAttribute("problem", Problem.of(problem));
            return list(model);
        }
    }
}
