package io.telepay.platform.config;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
class PlatformConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Schedulers run in the server only, never while a command such as {@code audit verify} runs. */
    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @ConditionalOnProperty(name = "telepay.command", havingValue = "server", matchIfMissing = true)
    static class Scheduling {
    }
}
