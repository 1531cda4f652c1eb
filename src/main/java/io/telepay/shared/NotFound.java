package io.telepay.shared;

import java.util.List;

/** 404: no such object, or one outside the caller's reach (the two are never told apart). */
public class NotFound extends TelepayProblem {

    public NotFound(String kind, String id) {
        super(404, "not-found", "No " + kind + " " + id, List.of());
    }
}
