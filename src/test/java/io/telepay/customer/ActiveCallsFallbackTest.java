package io.telepay.customer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class ActiveCallsFallbackTest {

    @Configuration(proxyBeanMethods = false)
    static class CallModule {
        @Bean
        ActiveCalls liveCalls() {
            return (agentId, customerId) -> agentId.equals("usr_onthephone");
        }
    }

    @Test
    void withoutACallModuleNobodyIsOnACall() {
        new ApplicationContextRunner().withUserConfiguration(CustomerConfig.class).run(context -> {
            assertThat(context).hasSingleBean(ActiveCalls.class);
            assertThat(context.getBean(ActiveCalls.class).agentOnCallWith("usr_onthephone", "cus_x")).isFalse();
        });
    }

    @Test
    void theCallModulesAnswerReplacesTheFallback() {
        new ApplicationContextRunner().withUserConfiguration(CallModule.class, CustomerConfig.class).run(context -> {
            assertThat(context).hasSingleBean(ActiveCalls.class);
            assertThat(context.getBean(ActiveCalls.class).agentOnCallWith("usr_onthephone", "cus_x")).isTrue();
        });
    }
}
