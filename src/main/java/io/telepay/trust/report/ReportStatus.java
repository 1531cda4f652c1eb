package io.telepay.trust.report;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A report's progress and the one table of moves: received, reviewed, handed on (to the police, the
 * bank), closed — and reopened when something new turns up.
 */
public enum ReportStatus {
    RECEIVED, IN_REVIEW, ESCALATED, CLOSED;

    private static final Map<ReportStatus, Set<ReportStatus>> MOVES = Map.of(
            RECEIVED, EnumSet.of(IN_REVIEW, ESCALATED, CLOSED),
            IN_REVIEW, EnumSet.of(ESCALATED, CLOSED),
            ESCALATED, EnumSet.of(IN_REVIEW, CLOSED),
            CLOSED, EnumSet.of(IN_REVIEW));

    public boolean canMoveTo(ReportStatus next) {
        return MOVES.get(this).contains(next);
    }
}
