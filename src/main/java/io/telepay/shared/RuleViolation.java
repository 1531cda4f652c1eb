package io.telepay.shared;

import java.util.List;

/** 422: a well-formed request that a business rule refuses. */
public class RuleViolation extends TelepayProblem {

    public RuleViolation(String message) {
        super(422, "rule-violation", message, List.of());
    }

    protected RuleViolation(String type, String message) {
        super(422, type, message, List.of());
    }
}
