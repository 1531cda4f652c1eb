package io.telepay.payment;

import io.telepay.shared.RuleViolation;

/** 422: the refund would return more than what was captured and is not yet refunded (or waiting to be). */
public class RefundExceedsCapture extends RuleViolation {

    RefundExceedsCapture(String message) {
        super("refund-exceeds-capture", message);
    }
}
