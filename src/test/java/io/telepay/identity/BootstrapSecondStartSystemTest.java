package io.telepay.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** A later start with another bootstrap token creates nothing: the token works once per database. */
@TestPropertySource(properties = "telepay.bootstrap-token=a-second-bootstrap-token-that-must-be-ignored")
class BootstrapSecondStartSystemTest extends SystemTest {

    @Test
    void aSecondBootstrapTokenIsIgnored() {
        assertThat(http().as(BootstrapFirstStartSystemTest.TOKEN).get("/api/v1/me").status()).isEqualTo(200);
        assertThat(http().as("a-second-bootstrap-token-that-must-be-ignored").get("/api/v1/me").status()).isEqualTo(401);
    }
}
