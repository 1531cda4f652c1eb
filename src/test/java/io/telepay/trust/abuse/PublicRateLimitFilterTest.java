package io.telepay.trust.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PublicRateLimitFilterTest {

    @Test
    void countsEveryPublicTrustAddressAndNothingElse() {
        assertThat(PublicRateLimitFilter.isPublicTrustPath("/verify")).isTrue();
        assertThat(PublicRateLimitFilter.isPublicTrustPath("/verify/report")).isTrue();
        assertThat(PublicRateLimitFilter.isPublicTrustPath("/receipts/abc")).isTrue();
        assertThat(PublicRateLimitFilter.isPublicTrustPath("/api/v1/public/caller-checks")).isTrue();
        assertThat(PublicRateLimitFilter.isPublicTrustPath("/api/v1/public/reports")).isTrue();
        assertThat(PublicRateLimitFilter.isPublicTrustPath("/api/v1/public/reports/status")).isTrue();
        assertThat(PublicRateLimitFilter.isPublicTrustPath("/api/v1/public/receipts/abc/dispute")).isTrue();
        assertThat(PublicRateLimitFilter.isPublicTrustPath("/verifyx")).isFalse();
        assertThat(PublicRateLimitFilter.isPublicTrustPath("/pay/abc")).isFalse();
        assertThat(PublicRateLimitFilter.isPublicTrustPath("/api/v1/reports")).isFalse();
        assertThat(PublicRateLimitFilter.isPublicTrustPath("/css/trust.css")).isFalse();
    }

    @Test
    void submittingAReportOrADisputeSpendsTheReportBudget() {
        assertThat(PublicRateLimitFilter.action("POST", "/api/v1/public/reports")).isEqualTo(PublicLimits.Action.REPORT);
        assertThat(PublicRateLimitFilter.action("POST", "/verify/report")).isEqualTo(PublicLimits.Action.REPORT);
        assertThat(PublicRateLimitFilter.action("POST", "/receipts/abc/dispute")).isEqualTo(PublicLimits.Action.REPORT);
        assertThat(PublicRateLimitFilter.action("POST", "/api/v1/public/receipts/abc/dispute")).isEqualTo(PublicLimits.Action.REPORT);
        assertThat(PublicRateLimitFilter.action("GET", "/verify/report")).isEqualTo(PublicLimits.Action.LOOKUP);
        assertThat(PublicRateLimitFilter.action("POST", "/api/v1/public/reports/status")).isEqualTo(PublicLimits.Action.LOOKUP);
        assertThat(PublicRateLimitFilter.action("POST", "/api/v1/public/caller-checks")).isEqualTo(PublicLimits.Action.LOOKUP);
    }

    @Test
    void thePayAndConfirmPagesHaveABudgetOfTheirOwn() {
        assertThat(PublicRateLimitFilter.isPayPath("/pay/abc")).isTrue();
        assertThat(PublicRateLimitFilter.isPayPath("/confirm/abc")).isTrue();
        assertThat(PublicRateLimitFilter.isPayPath("/payments")).isFalse();
        assertThat(PublicRateLimitFilter.action("POST", "/pay/abc")).isEqualTo(PublicLimits.Action.PAY);
        assertThat(PublicRateLimitFilter.action("GET", "/confirm/abc")).isEqualTo(PublicLimits.Action.PAY);
    }
}
