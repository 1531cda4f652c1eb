package io.telepay.platform.config;

import java.time.Clock;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
class PlatformConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Schedulers run in the server only, never while a command such as {@code audit verify} runs. Those
     * marked {@code @SchedulerLock} run on one instance at a time: several instances share the
     * database, and the lock is a row in it (ShedLock), timed by the database's clock.
     */
    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @EnableSchedulerLock(defaultLockAtMostFor = "PT10M")
    @ConditionalOnProperty(name = "telepay.command", havingValue = "server", matchIfMissing = true)
    static class Scheduling {

        @Bean
        LockProvider lockProvider(DataSource dataSource) {
            return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                    .withJdbcTemplate(new JdbcTemplate(dataSource))
                    .usingDbTime()
                    .build());
        }
    }
}
