package io.telepay.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.telepay.platform.logging.CardMaskingEncoder;
import io.telepay.shared.CardNumbers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;

/** The log mask shares the note redactor's matcher: each form that got past it (issue 17) is masked in text and JSON lines. */
class LogMaskHostileFormsTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "4242.4242.4242.4242", "4242/4242/4242/4242", "4242_4242_4242_4242", "4242,4242,4242,4242", "4242  4242 4242 4242",
            "4242\t4242\t4242\t4242", "4242\n4242\n4242\n4242", "4242\u00A04242\u00A04242\u00A04242", "4242\u20134242\u20134242\u20134242",
            "4242\u20144242\u20144242\u20144242", "4242\u200B4242\u200B4242\u200B4242", "4242.4242/4242\t4242",
            "四二四二 四二四二 四二四二 四二四二", "four two four two four two four two four two four two four two four two"})
    void aHostileCardNumberIsMaskedInTextAndJsonLines(String card) {
        for (String format : new String[] {"text", "json"}) {
            String line = encode(format, "customer said " + card + " again");

            assertThat(line).as(format).contains("customer said ").contains(" again");
            assertThat(CardNumbers.find(line)).as(format).isEmpty();
            assertThat(line).as(format).contains("*");
        }
    }

    private static String encode(String format, String message) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.putObject(Environment.class.getName(), new StandardEnvironment());
        CardMaskingEncoder encoder = new CardMaskingEncoder();
        encoder.setContext(context);
        encoder.setFormat(format);
        encoder.setPattern("%level %msg%n");
        encoder.start();
        try {
            var event = new LoggingEvent("x", context.getLogger("io.telepay.test"), Level.INFO, message, null, null);
            return new String(encoder.encode(event), StandardCharsets.UTF_8);
        } finally {
            encoder.stop();
        }
    }
}
