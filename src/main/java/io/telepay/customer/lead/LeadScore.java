package io.telepay.customer.lead;

import java.util.List;

/**
 * Why a lead comes before another: the points and every factor that gave or took them, in words a
 * supervisor can check (e.g. {@code campaign conversion 12%: +18}).
 */
public record LeadScore(int points, List<Reason> reasons) {

    public LeadScore {
        reasons = List.copyOf(reasons);
    }

    public record Reason(String factor, int points) {
    }

    static LeadScore of(List<Reason> reasons) {
        return new LeadScore(reasons.stream().mapToInt(Reason::points).sum(), reasons);
    }
}
