package io.telepay.console.team;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.telepay.call.CallQuery;
import io.telepay.call.CallStatus;
import io.telepay.call.CallView;
import io.telepay.call.Calls;
import io.telepay.console.Names;
import io.telepay.order.OrderDetails;
import io.telepay.order.OrderQuery;
import io.telepay.order.OrderStatus;
import io.telepay.order.Orders;
import io.telepay.payment.PaymentSessionView;
import io.telepay.payment.PaymentSessions;
import io.telepay.payment.SessionStatus;
import io.telepay.telephony.KeypadLines;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The live board: the team's active calls and open payment sessions, refreshed every five seconds.
 * The services' reach decides what a supervisor sees (their team) and an admin (everyone).
 */
@Controller
@RequestMapping("/console/team")
@PreAuthorize("hasAnyRole('SUPERVISOR', 'ADMIN')")
class LiveBoard {

    static final int LIMIT = 50;

    private final Calls calls;
    private final Orders orders;
    private final PaymentSessions sessions;
    private final Names names;
    private final ObjectProvider<KeypadLines> lines;
    private final Clock clock;

    LiveBoard(Calls calls, Orders orders, PaymentSessions sessions, Names names, ObjectProvider<KeypadLines> lines, Clock clock) {
        this.clock = clock;
        this.calls = calls;
        this.orders = orders;
        this.sessions = sessions;
        this.names = names;
        this.lines = lines;
    }

    /**
     * A live call with names, how long it has lasted, and what the agent is doing on it: talking, or waiting while
     * the customer pays ({@code paying}: the open session's step, else null).
     */
    record LiveCall(CallView call, String agentName, String customerName, long talkSeconds, String paying) {
    }

    /** An open payment session with its order and names; {@code secureCapture}: its caller is keying the card on our line now. */
    record OpenSession(PaymentSessionView session, OrderDetails order, String agentName, String customerName, boolean secureCapture) {
    }

    @GetMapping("/live")
    String board(Model model) {
        // sessions are opened for CONFIRMED orders: the open ones are among the team's unpaid confirmed orders
        List<OpenSession> open = new ArrayList<>();
        KeypadLines line = lines.getIfAvailable();
        for (OrderDetails order : orders.list(new OrderQuery(null, null, null, Set.of(OrderStatus.CONFIRMED), null, LIMIT)).items()) {
            for (PaymentSessionView session : sessions.ofOrder(order.id())) {
                if (session.status() == SessionStatus.OPEN) {
                    boolean secure = line != null && line.state(session.id()).filter(KeypadLines.LineState::secureCapture).isPresent();
                    open.add(new OpenSession(session, order, names.staff(order.agentId()), names.customer(order.customerId()), secure));
                }
            }
        }
        Instant now = clock.instant();
        List<LiveCall> live = new ArrayList<>();
        for (CallView call : calls.list(new CallQuery(null, null, CallStatus.ACTIVE, null, LIMIT)).items()) {
            String paying = open.stream().filter(s -> call.agentId().equals(s.order().agentId())
                            && call.customerId().equals(s.order().customerId()))
                    .map(s -> s.session().step().name()).findFirst().orElse(null);
            live.add(new LiveCall(call, names.staff(call.agentId()), names.customer(call.customerId()),
                    Math.max(0, Duration.between(call.startedAt(), now).toSeconds()), paying));
        }
        model.addAttribute("calls", live);
        model.addAttribute("sessions", open);
        return "console/team/live";
    }
}
