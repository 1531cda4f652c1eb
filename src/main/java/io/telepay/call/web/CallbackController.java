package io.telepay.call.web;

import io.telepay.call.Callback;
import io.telepay.call.Calls;
import io.telepay.shared.Page;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Promised call backs not made yet, earliest first: an agent's own, a supervisor's team's, all for an
 * admin. {@code ?due=true} keeps those whose time has come. Any later call with the customer keeps the
 * promise and takes it off the list.
 */
@RestController
@RequestMapping("/api/v1/callbacks")
@PreAuthorize("hasAnyRole('AGENT', 'SUPERVISOR', 'ADMIN')")
class CallbackController {

    private final Calls calls;

    CallbackController(Calls calls) {
        this.calls = calls;
    }

    @GetMapping
    Page<Callback> list(@RequestParam(required = false) Boolean due, @RequestParam(required = false) String agentId,
                        @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        return calls.callbacks(Boolean.TRUE.equals(due), agentId, cursor, Page.limit(limit));
    }
}
