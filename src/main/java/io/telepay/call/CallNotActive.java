package io.telepay.call;

import io.telepay.shared.StateConflict;

/** 409: the call ended already; it takes no more notes and cannot end twice. */
public class CallNotActive extends StateConflict {

    public CallNotActive(String callId) {
        super("call-not-active", "Call " + callId + " has ended; it can no longer change");
    }
}
