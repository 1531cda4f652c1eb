package io.telepay.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The log safety net: whatever code logs a card number by mistake, the line written carries only its last four. */
@ExtendWith(OutputCaptureExtension.class)
class LogMaskingSystemTest extends SystemTest {

    @Test
    void cardNumbersInMessagesArgumentsAndStackTracesAreMasked(CapturedOutput output) {
        var log = LoggerFactory.getLogger("io.telepay.careless");
        log.info("customer read out 4242 4242 4242 4242 on the call");
        log.info("argument {}", "5555555555554444");
        log.warn("failure", new IllegalStateException("card 6217000000000000004 refused"));

        assertThat(output.getAll())
                .doesNotContain("4242 4242 4242 4242").contains("**** **** **** 4242")
                .doesNotContain("5555555555554444").contains("************4444")
                .doesNotContain("6217000000000000004").contains("***************0004");
    }
}
