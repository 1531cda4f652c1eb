package io.telepay.trust.caller;

import java.time.Instant;

/**
 * The code of a call, for the agent's screen.
 *
 * @param code    eight digits, what the customer types
 * @param display the same grouped for reading aloud, {@code 4821 0937}
 */
record CallCode(String callId, String code, String display, Instant issuedAt, String validWhile) {

    static CallCode of(String callId, String code, Instant issuedAt) {
        return new CallCode(callId, code, code.substring(0, 4) + " " + code.substring(4), issuedAt, "the call is ACTIVE");
    }
}
