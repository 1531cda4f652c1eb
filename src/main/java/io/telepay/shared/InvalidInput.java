package io.telepay.shared;

import java.util.List;

/** 400: the request is malformed or a field is invalid. */
public class InvalidInput extends TelepayProblem {

    public InvalidInput(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public InvalidInput(List<FieldError> errors) {
        super(400, "validation", summary(errors), errors);
    }

    private static String summary(List<FieldError> errors) {
        if (errors.size() == 1) {
            return errors.getFirst().field() + " " + errors.getFirst().message();
        }
        return errors.size() + " fields are invalid";
    }
}
