package io.telepay.payment.web;

import java.util.List;

import io.telepay.payment.OperationKind;
import io.telepay.payment.OperationStatus;
import io.telepay.payment.OperationView;
import io.telepay.payment.PaymentOperations;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.NotFound;
import io.telepay.idempotency.Idempotent;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Refunds, and the second person's approval of the large ones. */
@RestController
@RequestMapping("/api/v1/refunds")
class RefundController {

    private final PaymentOperations operations;

    RefundController(PaymentOperations operations) {
        this.operations = operations;
    }

    /** Refunds in a status (default PENDING_APPROVAL), newest first, within the caller's reach. */
    @GetMapping
    @PreAuthorize("hasAnyRole('SUPERVISOR', 'ADMIN', 'AUDITOR')")
    List<OperationView> list(@RequestParam(defaultValue = "PENDING_APPROVAL") String status,
                             @RequestParam(defaultValue = "100") int limit) {
        OperationStatus wanted;
        try {
            wanted = OperationStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("status", "must be one of " + List.of(OperationStatus.values()));
        }
        return operations.refunds(wanted, limit);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('AGENT', 'SUPERVISOR', 'ADMIN', 'RISK_ANALYST', 'AUDITOR')")
    OperationView get(@PathVariable String id) {
        OperationView refund = operations.get(id);
        if (refund.kind() != OperationKind.REFUND) {
            throw new NotFound("refund", id);
        }
        return refund;
    }

    record Decision(String note) {
    }

    /** A supervisor of the sale's team, or an admin, other than who asked: the refund goes to the acquirer. */
    @PostMapping("/{id}/approve")
    @PreAuthorize("hasAnyRole('SUPERVISOR', 'ADMIN')")
    @Idempotent
    OperationView approve(@PathVariable String id, @RequestBody(required = false) Decision body) {
        return operations.approve(id, body == null ? null : body.note());
    }

    @PostMapping("/{id}/reject")
    @PreAuthorize("hasAnyRole('SUPERVISOR', 'ADMIN')")
    @Idempotent
    OperationView reject(@PathVariable String id, @RequestBody(required = false) Decision body) {
        return operations.reject(id, body == null ? null : body.note());
    }
}
