package io.telepay.console.desk;

import io.telepay.payment.CardInvalid;
import io.telepay.payment.IvrCapture;
import io.telepay.payment.PaymentSessionView;
import io.telepay.payment.PaymentSessions;
import io.telepay.payment.SessionStatus;
import io.telepay.payment.web.SessionEvents;
import io.telepay.shared.TelepayProblem;
import io.telepay.telephony.KeypadLines;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
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
    private final IvrCapture capture;
    private final ObjectProvider<KeypadLines> lines;

    PaymentLive(PaymentSessions sessions, SessionEvents events, IvrCapture capture, ObjectProvider<KeypadLines> lines) {
        this.sessions = sessions;
        this.events = events;
        this.capture = capture;
        this.lines = lines;
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
        return progress(session, customer, null, model);
    }

    private String progress(PaymentSessionView session, String customer, String notice, Model model) {
        model.addAttribute("paySession", session);
        model.addAttribute("payCustomer", customer);
        KeypadLines line = lines.getIfAvailable();
        model.addAttribute("keypadLine", line == null ? null : line.state(session.id()).orElse(null));
        model.addAttribute("keypadNotice", notice);
        return "console/desk/progress :: progress";
    }

    /**
     * Agent assist: the agent presses Submit once the desk shows the card complete; the card goes
     * through the keypad capture as when the caller submits it in the secure IVR. Never a digit in the answer.
     */
    @PostMapping("/{id}/keypad/submit")
    String submit(@PathVariable String id, @RequestParam(required = false) String customer, Model model, HttpServletResponse response) {
        PaymentSessionView session = sessions.get(id);
        String notice;
        try {
            notice = "keypad.result." + capture.submit(session.id()).status();
        } catch (TelepayProblem problem) {
            response.setStatus(problem.status());
            notice = problem instanceof CardInvalid ? "keypad.result.invalid" : "keypad.result.nothing";
        }
        return progress(sessions.get(id), customer, notice, model);
    }

    /** Agent assist: the agent asks the customer to key a field again; it is cleared and the caller's keys go to it. */
    @PostMapping("/{id}/keypad/reenter")
    String reenter(@PathVariable String id, @RequestParam IvrCapture.Field field, @RequestParam(required = false) String customer,
                   Model model) {
        PaymentSessionView session = sessions.get(id);
        KeypadLines line = lines.getIfAvailable();
        boolean moved = line != null && line.reenter(session.id(), field);
        return progress(sessions.get(id), customer, moved ? "keypad.reenter." + field.name() : "keypad.reenter.noCall", model);
    }
}
