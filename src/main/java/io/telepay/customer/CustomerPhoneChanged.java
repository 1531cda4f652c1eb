package io.telepay.customer;

import java.time.Instant;

/** A customer's phone number was changed, in the transaction that changed it; {@code phone} is the new number (E.164). */
public record CustomerPhoneChanged(String customerId, String phone, String changedBy, Instant at) {
}
