package io.telepay.customer;

import java.time.Instant;

/**
 * Marketing consent as last recorded.
 *
 * @param marketing whether the customer agreed to marketing calls and messages
 * @param channel   how the answer was given; null when nobody ever asked
 * @param givenAt   when the answer was recorded; null when nobody ever asked
 */
public record Consent(boolean marketing, ConsentChannel channel, Instant givenAt) {

    public static final Consent NEVER_ASKED = new Consent(false, null, null);
}
