package io.telepay.payment;

import java.util.List;

import io.telepay.shared.TelepayProblem;

/** 422: the card cannot be charged as entered (number, expiry, CVC); it never reached the gateway. */
public class CardInvalid extends TelepayProblem {

    public CardInvalid(List<FieldError> errors) {
        super(422, "card-invalid", errors.size() == 1 ? errors.getFirst().field() + " " + errors.getFirst().message()
                : "The card details are invalid", errors);
    }
}
