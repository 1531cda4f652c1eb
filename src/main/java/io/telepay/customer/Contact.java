package io.telepay.customer;

/**
 * How to reach a customer, unmasked: for messages Telepay sends on the customer's own behalf (pay
 * links, receipts) and for risk checks. Never shown to staff; views for people use {@link CustomerView}.
 *
 * @param phone E.164
 * @param email null when the customer gave none
 */
public record Contact(String customerId, String name, String phone, String email, String country, String language) {

    @Override
    public String toString() {
        return "Contact[" + customerId + "]";
    }
}
