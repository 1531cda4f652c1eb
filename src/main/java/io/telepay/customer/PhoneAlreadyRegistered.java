package io.telepay.customer;

import io.telepay.shared.StateConflict;

/**
 * 409: the phone number belongs to an existing customer; there is never a second copy. The answer
 * names that customer ({@code customerId}) so the client can open it, or — when the caller may not
 * see it — ask whoever owns it.
 */
public class PhoneAlreadyRegistered extends StateConflict {

    private final String customerId;

    public PhoneAlreadyRegistered(String customerId) {
        super("duplicate-customer", "A customer with this phone number already exists: " + customerId);
        this.customerId = customerId;
    }

    public String customerId() {
        return customerId;
    }
}
