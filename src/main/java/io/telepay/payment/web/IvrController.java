package io.telepay.payment.web;

import io.telepay.payment.IvrCapture;
import io.telepay.payment.PayResult;
import io.telepay.shared.Checks;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The telephony bridge's door: keypad digits in, progress out. Only the TELEPHONY role; agents get 403. */
@RestController
@RequestMapping("/api/v1/ivr/{sessionId}")
@PreAuthorize("hasRole('TELEPHONY')")
class IvrController {

    private final IvrCapture capture;

    IvrController(IvrCapture capture) {
        this.capture = capture;
    }

    record Input(IvrCapture.Field field, String digits, Boolean clear) {
        Input {
            Checks.start().require("field", field).orThrow();
        }

        @Override
        public String toString() {
            return "Input[" + field + "]";
        }
    }

    @PostMapping("/input")
    IvrCapture.Progress input(@PathVariable String sessionId, @RequestBody Input body) {
        return capture.input(sessionId, body.field(), body.digits(), Boolean.TRUE.equals(body.clear()));
    }

    @PostMapping("/submit")
    PayResult submit(@PathVariable String sessionId) {
        return capture.submit(sessionId);
    }
}
