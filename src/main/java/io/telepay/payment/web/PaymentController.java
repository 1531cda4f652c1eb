package io.telepay.payment.web;

import java.net.URI;
import java.util.List;

import io.telepay.payment.Ledger;
import io.telepay.payment.OperationView;
import io.telepay.payment.PaymentOperations;
import io.telepay.payment.PaymentView;
import io.telepay.payment.Payments;
import io.telepay.shared.Money;
import io.telepay.idempotency.Idempotent;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/payments")
class PaymentController {

    private final Payments payments;
    private final PaymentOperations operations;
    private final Ledger ledger;

    PaymentController(Payments payments, PaymentOperations operations, Ledger ledger) {
        this.payments = payments;
        this.operations = operations;
        this.ledger = ledger;
    }

    /** Payments in a status (e.g. the review queue: {@code status=REVIEW}), oldest first, within reach. */
    @GetMapping
    @PreAuthorize("hasAnyRole('SUPERVISOR', 'ADMIN', 'RISK_ANALYST', 'AUDITOR')")
    List<PaymentView> list(@org.springframework.web.bind.annotation.RequestParam String status,
                           @org.springframework.web.bind.annotation.RequestParam(defaultValue = "100") int limit) {
        io.telepay.payment.PaymentStatus wanted;
        try {
            wanted = io.telepay.payment.PaymentStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new io.telepay.shared.InvalidInput("status", "must be one of " + List.of(io.telepay.payment.PaymentStatus.values()));
        }
        return payments.list(wanted, limit);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('AGENT', 'SUPERVISOR', 'ADMIN', 'RISK_ANALYST', 'AUDITOR')")
    PaymentView get(@PathVariable String id) {
        return payments.get(id);
    }

    record Capture(Money amount) {
    }

    /** Captures {@code amount} (default: all that is left of the authorization); answers the capture. */
    @PostMapping("/{id}/capture")
    @PreAuthorize("hasAnyRole('AGENT', 'SUPERVISOR', 'ADMIN')")
    @Idempotent
    OperationView capture(@PathVariable String id, @RequestBody(required = false) Capture body) {
        return operations.capture(id, body == null ? null : body.amount());
    }

    /**
     * Releases the authorization: all of it before any capture (the payment is VOIDED), or after a partial capture
     * the rest of it (the payment stays captured; nothing more can be captured). Answers the void.
     */
    @PostMapping("/{id}/void")
    @PreAuthorize("hasAnyRole('AGENT', 'SUPERVISOR', 'ADMIN', 'RISK_ANALYST')")
    @Idempotent
    OperationView voidPayment(@PathVariable String id) {
        return operations.voidPayment(id);
    }

    /** A payment held for a risk review is released: captured in full. */
    @PostMapping("/{id}/release")
    @PreAuthorize("hasAnyRole('SUPERVISOR', 'ADMIN', 'RISK_ANALYST')")
    @Idempotent
    OperationView release(@PathVariable String id) {
        return operations.release(id);
    }

    record Refund(Money amount, String reason) {
    }

    /** 201 with the refund: SUCCEEDED, UNKNOWN (being confirmed), FAILED, or PENDING_APPROVAL above the threshold. */
    @PostMapping("/{id}/refunds")
    @PreAuthorize("hasAnyRole('AGENT', 'SUPERVISOR', 'ADMIN')")
    @Idempotent
    ResponseEntity<OperationView> refund(@PathVariable String id, @RequestBody Refund body) {
        OperationView refund = operations.refund(id, body.amount(), body.reason());
        return ResponseEntity.created(URI.create("/api/v1/refunds/" + refund.id())).body(refund);
    }

    record Chargeback(Money amount, String reason) {
    }

    /**
     * Sandbox: records a chargeback as the acquirer would report it. A reason starting with {@code fraud}
     * also labels the card, agent and customer for the risk engine.
     */
    @PostMapping("/{id}/chargebacks")
    @PreAuthorize("hasRole('ADMIN')")
    @Idempotent
    ResponseEntity<OperationView> chargeback(@PathVariable String id, @RequestBody Chargeback body) {
        OperationView chargeback = operations.chargeback(id, body.amount(), body.reason());
        return ResponseEntity.status(201).body(chargeback);
    }

    record LedgerView(java.util.Map<io.telepay.payment.LedgerAccount, Money> balances, List<Ledger.Entry> entries) {
    }

    /** The payment's double-entry postings and its balance on each account (ADR 0050). */
    @GetMapping("/{id}/ledger")
    @PreAuthorize("hasAnyRole('SUPERVISOR', 'ADMIN', 'RISK_ANALYST', 'AUDITOR')")
    LedgerView ledger(@PathVariable String id) {
        payments.get(id);
        return new LedgerView(ledger.balances(id), ledger.entries(id));
    }

    /** Captures, voids, refunds and chargebacks of the payment, oldest first. */
    @GetMapping("/{id}/operations")
    @PreAuthorize("hasAnyRole('AGENT', 'SUPERVISOR', 'ADMIN', 'RISK_ANALYST', 'AUDITOR')")
    List<OperationView> operations(@PathVariable String id) {
        return operations.of(id);
    }
}
