package io.telepay.gateway.stripe;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import com.stripe.StripeClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Stripe as Telepay's payment platform ({@code TELEPAY_GATEWAY_PROVIDER=stripe}).
 *
 * @param secretKey      {@code TELEPAY_STRIPE_SECRET_KEY}; blank leaves health {@code gateway} DOWN
 * @param webhookSecrets {@code TELEPAY_STRIPE_WEBHOOK_SECRET}, comma-separated: the new and the old signing secret
 *                       during a rotation
 * @param apiBase        {@code TELEPAY_STRIPE_API_BASE}: Stripe's own by default, a local server in tests
 * @param mode           {@code TELEPAY_STRIPE_MODE}: {@code moto} (Telepay takes the card and Stripe charges it) or
 *                       {@code checkout} (the pay link is Stripe's hosted Checkout page; Telepay never sees the card)
 * @param availabilityTtl how long a health answer from Stripe is kept before Stripe is asked again
 */
record StripeSettings(String secretKey, List<String> webhookSecrets, String apiBase, String mode, Duration connectTimeout,
                      Duration readTimeout, Duration availabilityTtl) {

    static final String MOTO = "moto";
    static final String CHECKOUT = "checkout";

    StripeSettings {
        secretKey = secretKey == null ? "" : secretKey.strip();
        webhookSecrets = webhookSecrets.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        apiBase = apiBase.endsWith("/") ? apiBase.substring(0, apiBase.length() - 1) : apiBase;
        mode = mode.strip().toLowerCase(java.util.Locale.ROOT);
        if (!mode.equals(MOTO) && !mode.equals(CHECKOUT)) {
            throw new IllegalArgumentException("TELEPAY_STRIPE_MODE must be moto or checkout, not '" + mode + "'");
        }
    }

    @Override
    public String toString() {
        return "StripeSettings[apiBase=" + apiBase + ", mode=" + mode + ", secretKey " + (secretKey.isEmpty() ? "missing" : "set")
                + ", webhookSecrets " + webhookSecrets.size() + "]";
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "telepay.gateway.provider", havingValue = "stripe")
    static class Beans {

        @Bean
        StripeSettings stripeSettings(@Value("${telepay.gateway.stripe.secret-key:}") String secretKey,
                                      @Value("${telepay.gateway.stripe.webhook-secret:}") String webhookSecrets,
                                      @Value("${telepay.gateway.stripe.api-base:https://api.stripe.com}") String apiBase,
                                      @Value("${telepay.gateway.stripe.mode:moto}") String mode,
                                      @Value("${telepay.gateway.stripe.connect-timeout:PT5S}") Duration connectTimeout,
                                      @Value("${telepay.gateway.stripe.read-timeout:PT30S}") Duration readTimeout,
                                      @Value("${telepay.gateway.stripe.availability-ttl:PT30S}") Duration availabilityTtl) {
            return new StripeSettings(secretKey, Arrays.asList(webhookSecrets.split(",")), apiBase, mode, connectTimeout, readTimeout,
                    availabilityTtl);
        }

        /**
         * No retries inside the library: a call whose answer is lost is UNKNOWN and the reconciler asks Stripe,
         * so a pay step never waits through several timeouts.
         */
        @Bean
        StripeClient stripeClient(StripeSettings settings) {
            return StripeClient.builder()
                    .setApiKey(settings.secretKey().isEmpty() ? "sk_missing" : settings.secretKey())
                    .setApiBase(settings.apiBase())
                    .setConnectTimeout(Math.toIntExact(settings.connectTimeout().toMillis()))
                    .setReadTimeout(Math.toIntExact(settings.readTimeout().toMillis()))
                    .setMaxNetworkRetries(0)
                    .build();
        }
    }
}
