package io.telepay.trust.caller;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The code of a live call for the agent's screen — only the agent on the call gets it; anyone else's
 * call answers 404 as an unknown one, an ended call 409.
 */
@RestController
@PreAuthorize("hasRole('AGENT')")
class CallCodeController {

    private final CallCodes codes;

    CallCodeController(CallCodes codes) {
        this.codes = codes;
    }

    @GetMapping("/api/v1/calls/{id}/code")
    CallCode code(@PathVariable String id) {
        return codes.codeFor(id);
    }

    @GetMapping("/api/v1/trust/call-codes")
    CallCode codeByQuery(@RequestParam String callId) {
        return codes.codeFor(callId);
    }
}
