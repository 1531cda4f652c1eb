package io.telepay.payment;

import io.telepay.shared.TelepayProblem;

/** 410: the pay link was used, has expired or its order can no longer be paid; nothing was charged. */
public class SessionGone extends TelepayProblem {

    public SessionGone(String message) {
        super(410, "payment-session-gone", message, java.util.List.of());
    }
}
