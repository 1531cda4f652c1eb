package io.telepay.payment;

import io.telepay.shared.RuleViolation;

/** 422: the capture would take more than what is left of the authorization. */
public class CaptureExceedsAuthorization extends RuleViolation {

    CaptureExceedsAuthorization(String message) {
        super("capture-exceeds-authorization", message);
    }
}
