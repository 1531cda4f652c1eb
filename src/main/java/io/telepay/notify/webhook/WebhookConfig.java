package io.telepay.notify.webhook;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Set;

import io.telepay.shared.Deployment;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WebhookConfig {

    @Bean
    WebhookSettings webhookSettings(@Value("${telepay.webhooks.timeout:PT10S}") Duration timeout,
                                    @Value("${telepay.webhooks.rotation-overlap:PT24H}") Duration rotationOverlap,
                                    @Value("${telepay.webhooks.max-parallel-sends:16}") int maxParallelSends) {
        return new WebhookSettings(timeout, rotationOverlap, maxParallelSends);
    }

    @Bean
    UrlGuard webhookUrlGuard(Deployment deployment, @Value("${telepay.webhooks.trusted-hosts:}") Set<String> trustedHosts) {
        return new UrlGuard(deployment.demo(), trustedHosts, InetAddress::getAllByName);
    }

    @Bean
    EventTypes webhookEventTypes() {
        return EventTypes.scan("io.telepay");
    }

    @Bean
    WebhookSender webhookSender(WebhookSettings settings) {
        return new WebhookSender(settings.timeout());
    }
}
