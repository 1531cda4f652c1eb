package io.telepay.shared;

import java.util.List;

/** 409: the object is not in a state that allows the command, or a unique value is taken. */
public class StateConflict extends TelepayProblem {

    public StateConflict(String message) {
        super(409, "state-conflict", message, List.of());
    }

    protected StateConflict(String type, String message) {
        super(409, type, message, List.of());
    }
}
