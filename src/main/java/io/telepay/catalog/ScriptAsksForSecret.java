package io.telepay.catalog;

import java.util.List;

import io.telepay.shared.TelepayProblem;

/** 422: the script asks the customer for a secret, or holds one; no seller needs either (DESIGN.md, invariant 2). */
public class ScriptAsksForSecret extends TelepayProblem {

    ScriptAsksForSecret(String why) {
        super(422, "script-asks-for-secret", "The script " + why
                + "; a script must never ask for or contain a PIN, card password, one-time code, CVC or card number",
                List.of(new FieldError("script", why)));
    }
}
