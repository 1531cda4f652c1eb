package io.telepay.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.telepay.platform.logging.CardMaskingEncoder;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import tools.jackson.databind.json.JsonMapper;

class JsonLogFormatTest {

    @Test
    void jsonLinesCarryTheRequestIdAndMaskCardNumbers() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.putObject(Environment.class.getName(), new StandardEnvironment());
        CardMaskingEncoder encoder = new CardMaskingEncoder();
        encoder.setContext(context);
        encoder.setFormat("json");
        encoder.start();

        MDC.put("requestId", "req_abc12345");
        try {
            var event = new LoggingEvent("x", context.getLogger("io.telepay.test"), Level.INFO,
                    "customer said 4242 4242 4242 4242", null, null);
            String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
            var json = JsonMapper.builder().build().readTree(line);
            assertThat(json.get("message").asString()).isEqualTo("customer said **** **** **** 4242");
            assertThat(json.get("requestId").asString()).isEqualTo("req_abc12345");
            assertThat(json.get("level").asString()).isEqualTo("INFO");
        } finally {
            MDC.remove("requestId");
        }
    }
}
