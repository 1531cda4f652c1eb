package io.telepay.trust.receipt;

import java.time.Instant;

/**
 * The answer to "I did not authorize this".
 *
 * @param reference      the fraud report to quote
 * @param settlementHeld whether the charge is now held out of settlement (not for one already refunded or voided)
 */
record Disputed(String reference, boolean settlementHeld, Instant disputedAt) {
}
