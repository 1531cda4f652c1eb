package io.telepay.call;

import io.telepay.shared.RuleViolation;

/** 422: the customer is on the do-not-call list; nobody may call them (they may still call in). */
public class CustomerDoesNotWantCalls extends RuleViolation {

    public CustomerDoesNotWantCalls(String customerId) {
        super("do-not-call", "Customer " + customerId + " asked not to be called; an outbound call is not allowed");
    }
}
