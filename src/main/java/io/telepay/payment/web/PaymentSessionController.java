package io.telepay.payment.web;

import java.util.List;

import io.telepay.payment.PaymentSessionView;
import io.telepay.payment.PaymentSessions;
import io.telepay.idempotency.Idempotent;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
class PaymentSessionController {

    private final PaymentSessions sessions;
    private final SessionEvents events;

    PaymentSessionController(PaymentSessions sessions, SessionEvents events) {
        this.sessions = sessions;
        this.events = events;
    }

    /** Body {@code {channel, sendTo?, expiresInMinutes?}}; there is no amount: it is the order's. */
    @PostMapping("/api/v1/orders/{orderId}/payment-sessions")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('AGENT', 'SUPERVISOR', 'ADMIN')")
    @Idempotent
    PaymentSessionView create(@PathVariable String orderId, @RequestBody PaymentSessions.NewSession body) {
        return sessions.create(orderId, body);
    }

    @GetMapping("/api/v1/orders/{orderId}/payment-sessions")
    @PreAuthorize("hasAnyRole('AGENT', 'SUPERVISOR', 'ADMIN', 'RISK_ANALYST', 'AUDITOR')")
    List<PaymentSessionView> ofOrder(@PathVariable String orderId) {
        return sessions.ofOrder(orderId);
    }

    @GetMapping("/api/v1/payment-sessions/{id}")
    @PreAuthorize("hasAnyRole('AGENT', 'SUPERVISOR', 'ADMIN', 'TELEPHONY')")
    PaymentSessionView get(@PathVariable String id) {
        return sessions.get(id);
    }

    /** The same view as a stream of server-sent events, one whenever the session changes. */
    @GetMapping(value = "/api/v1/payment-sessions/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize("hasAnyRole('AGENT', 'SUPERVISOR', 'ADMIN', 'TELEPHONY')")
    SseEmitter follow(@PathVariable String id) {
        return events.follow(sessions.get(id));
    }
}
