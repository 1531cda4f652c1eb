package io.telepay.gateway;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import io.telepay.shared.Money;

/**
 * The acquirer's daily settlement file: one line per capture and refund it settled that day (UTC). The
 * reconciliation compares it with Telepay's own books. The sandbox writes a file; Stripe's implementation
 * reads the day's balance transactions.
 */
public interface SettlementFiles {

    /**
     * One line of the file. A line that could not be read has {@code error} set and the other fields null
     * where they were unreadable.
     *
     * @param kind CAPTURE or REFUND
     * @param fee  what the acquirer kept for it, in the currency it settles in; null when the file does not say
     */
    record Line(int number, String operationReference, String chargeReference, String kind, Money amount, Instant settledAt,
                String error, Money fee) {

        public Line(int number, String operationReference, String chargeReference, String kind, Money amount, Instant settledAt,
                    String error) {
            this(number, operationReference, chargeReference, kind, amount, settledAt, error, null);
        }
    }

    /** The file's lines for the day; empty when the acquirer has not delivered a file for it. */
    Optional<List<Line>> lines(LocalDate day);
}
