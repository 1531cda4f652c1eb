package io.telepay.trust.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReportStatusTest {

    @ParameterizedTest
    @EnumSource(ReportStatus.class)
    void movesOnlyAsTheTableSays(ReportStatus from) {
        Set<ReportStatus> allowed = switch (from) {
            case RECEIVED -> EnumSet.of(ReportStatus.IN_REVIEW, ReportStatus.ESCALATED, ReportStatus.CLOSED);
            case IN_REVIEW -> EnumSet.of(ReportStatus.ESCALATED, ReportStatus.CLOSED);
            case ESCALATED -> EnumSet.of(ReportStatus.IN_REVIEW, ReportStatus.CLOSED);
            case CLOSED -> EnumSet.of(ReportStatus.IN_REVIEW);
        };
        for (ReportStatus to : ReportStatus.values()) {
            assertThat(from.canMoveTo(to)).as(from + " → " + to).isEqualTo(allowed.contains(to));
        }
    }
}
