package io.telepay.gateway;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import io.telepay.shared.Money;

/**
 * The acquirer's daily settlement file: one line per capture and refund it settled that day (UTC). The
 * reconciliation compares it with Telepay's own books.
 */
public interface SettlementFiles {

    /**
     * One line of the file. A line that could not be read has {@code error} set and the other fields null
     * where they were unreadable.
     *
     * @param kind CAPTURE or REFUND
     */
    record Line(int number, String operationReference, String chargeReference, String kind, Money amount, Instant settledAt,
                String error) {
    }

    /** The file's lines for the day; empty when the acquirer has not delivered a file for it. */
    Optional<List<Line>> lines(LocalDate day);
}
