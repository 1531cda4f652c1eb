package io.telepay.identity.web;

import java.util.Map;

import io.telepay.identity.Mfa;
import io.telepay.identity.MfaEnrolment;
import io.telepay.identity.StaffDirectory;
import io.telepay.shared.Actor;
import io.telepay.shared.Actors;
import io.telepay.shared.RuleViolation;
import io.telepay.shared.StateConflict;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own identity and second factor. */
@RestController
@RequestMapping("/api/v1/me")
class MeController {

    private final StaffDirectory staff;
    private final Mfa mfa;

    MeController(StaffDirectory staff, Mfa mfa) {
        this.staff = staff;
        this.mfa = mfa;
    }

    @GetMapping
    Map<String, Object> me() {
        Actor actor = Actors.current();
        return actor.userId() == null
                ? Map.of("id", actor.id(), "name", actor.name(), "role", actor.role(), "kind", "integration")
                : Map.of("id", actor.id(), "name", actor.name(), "role", actor.role(), "kind", "user",
                        "mfaEnabled", mfa.enabled(actor.userId()));
    }

    @PostMapping("/mfa/enrolment")
    MfaEnrolment startEnrolment() {
        String userId = userId();
        if (mfa.enabled(userId)) {
            throw new StateConflict("the second factor is already enabled; an administrator can reset it");
        }
        return mfa.startEnrolment(userId, staff.get(userId).username());
    }

    record Code(String code) {
    }

    @PostMapping("/mfa/confirm")
    Map<String, Object> confirm(@RequestBody Code body) {
        if (!mfa.confirm(userId(), body.code())) {
            throw new RuleViolation("the code is wrong, expired or already used");
        }
        return Map.of("mfaEnabled", true);
    }

    private static String userId() {
        Actor actor = Actors.current();
        if (actor.userId() == null) {
            throw new RuleViolation("an integration key has no second factor; sign in as a user");
        }
        return actor.userId();
    }
}
