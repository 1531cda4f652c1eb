package io.telepay.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * With TELEPAY_BOOTSTRAP_TOKEN set, the first start creates an ADMIN key with exactly that value.
 * Runs before {@link BootstrapSecondStartSystemTest} (the suite runs classes in alphabetical order on
 * one database): no other test sets a bootstrap token.
 */
@TestPropertySource(properties = "telepay.bootstrap-token=bootstrap-token-for-tests-0123456789abcdef")
class BootstrapFirstStartSystemTest extends SystemTest {

    static final String TOKEN = "bootstrap-token-for-tests-0123456789abcdef";

    @Test
    void theBootstrapTokenIsAnAdminKeyStoredOnlyAsItsHash() {
        var me = http().as(TOKEN).get("/api/v1/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("role").asString()).isEqualTo("ADMIN");
        assertThat(jdbc.sql("select count(*) from api_key where key_hash = :h").param("h", ApiKeys.sha256(TOKEN))
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from api_key where prefix = :t or name = :t").param("t", TOKEN)
                .query(Long.class).single()).isZero();
    }
}
