package io.telepay.order;

import java.util.List;

import io.telepay.shared.TelepayProblem;

/**
 * 422: a well-formed order that a business rule refuses — an unknown or inactive SKU, mixed currencies,
 * a shipment without an address, a call of another customer — naming each field at fault.
 */
public class OrderRefused extends TelepayProblem {

    OrderRefused(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    OrderRefused(List<FieldError> errors) {
        super(422, "rule-violation", errors.size() == 1
                ? errors.getFirst().field() + " " + errors.getFirst().message()
                : errors.size() + " fields break order rules", errors);
    }
}
