package io.telepay.customer;

import io.telepay.shared.StateConflict;

/**
 * 409: the phone number belongs to an existing customer; there is never a second copy. The answer names
 * that customer ({@code customerId}) only to a caller who may see it, so they can open it; anyone else
 * learns only that the number is registered — not whose customer, not an id to probe with.
 */
public class PhoneAlreadyRegistered extends StateConflict {

    private final String customerId;

    public PhoneAlreadyRegistered(String customerId) {
        super("duplicate-customer", "A customer with this phone number is already registered");
        this.customerId = customerId;
    }

    public String customerId() {
        return customerId;
    }
}
