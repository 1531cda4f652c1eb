package io.telepay.customer;

import java.time.Instant;

/**
 * A customer as the current actor may see them. {@code phone} and {@code email} are masked
 * ({@code +886 9** *** 678}, {@code c***@g***.com}) unless {@code contactVisible}: for the agent who owns
 * the customer, holds their lead or is on a call with them.
 *
 * @param phone          E.164 when {@code contactVisible}, else masked; never null
 * @param email          null when the customer gave none
 * @param country        ISO 3166 alpha-2, from the request or the phone number; may be null
 * @param ownerId        the owning agent's id; null for a lead nobody has worked yet
 * @param doNotCallAt    when the flag was set; null when {@code doNotCall} is false
 */
public record CustomerView(String id, String name, String phone, String email, boolean contactVisible,
                           String country, Consent consent, boolean doNotCall, Instant doNotCallAt,
                           String doNotCallReason, String ownerId, int orderCount, Instant createdAt,
                           Instant updatedAt, String language) {
}
