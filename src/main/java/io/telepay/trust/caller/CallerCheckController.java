package io.telepay.trust.caller;

import io.telepay.shared.Checks;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/public/caller-checks} (API.md, Trust): no sign-in, limited per address and per
 * number. {@code {phone, yourPhone?}} or {@code {code}} → {@code {verified, company, agentName?, activeCall}}.
 */
@RestController
class CallerCheckController {

    private final CallerChecks checks;

    CallerCheckController(CallerChecks checks) {
        this.checks = checks;
    }

    record CheckBody(String phone, String yourPhone, String code) {
    }

    @PostMapping("/api/v1/public/caller-checks")
    CallerCheck check(@RequestBody CheckBody body) {
        boolean byPhone = body.phone() != null && !body.phone().isBlank();
        boolean byCode = body.code() != null && !body.code().isBlank();
        Checks.start()
                .check(byPhone || byCode, "phone", "give the number that called you, or the code the agent gave you")
                .check(!(byPhone && byCode), "code", "give either phone or code, not both")
                .check(byPhone || body.yourPhone() == null, "yourPhone", "goes with phone, the number that called you")
                .optionalText("code", body.code(), 32)
                .orThrow();
        return byPhone ? checks.byNumber(body.phone(), body.yourPhone()) : checks.byCode(body.code());
    }
}
