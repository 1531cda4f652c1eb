package io.telepay.console.desk;

import io.telepay.payment.PaymentSessionView;
import io.telepay.payment.PaymentSessions;
import io.telepay.payment.SessionStatus;
import io.telepay.payment.web.SessionEvents;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The pay link followed live on the desk: the browser keeps a server-sent event stream open (the payment
 * module's {@link SessionEvents}, one database poll per second for every follower) and, on each change,
 * fetches the session's steps as HTML in its own language. Only steps and counts, never a digit.
 * When the session is over, the whole desk is fetched again (the order is PAID, the call can end).
 */
@Controller
@RequestMapping("/console/desk/sessions")
@PreAuthorize("hasAnyRole('AGENT', 'SUPERVISOR', 'ADMIN')")
class PaymentLive {

    private final PaymentSessions sessions;
    private final SessionEvents events;

    PaymentLive(PaymentSessions sessions, SessionEvents events) {
        this.sessions = sessions;
        this.events = events;
    }

    @GetMapping(value = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter follow(@PathVariable String id) {
        return events.follow(sessions.get(id));
    }

    @GetMapping("/{id}")
    String progress(@PathVariable String id, @org.springframework.web.bind.annotation.RequestParam(required = false) String customer,
                    Model model, HttpServletRequest request, HttpServletResponse response) {
        PaymentSessionView session = sessions.get(id);
        if (session.status() != SessionStatus.OPEN && request.getHeader("HX-Request") != null) {
            String desk = request.getContextPath() + DeskController.address(customer, session.orderId());
            response.setHeader("HX-Location", "{\"path\":\"" + desk + "\",\"target\":\"#view\",\"select\":\"#view\",\"swap\":\"outerHTML\"}");
        }
        model.addAttribute("paySession", session);
        model.addAttribute("payCustomer", customer);
        return "console/desk/progress :: progress";
    }
}
