package io.telepay.order;

import static org.mockito.Mockito.mock;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.telepay.call.CallSummary;
import io.telepay.call.Calls;
import io.telepay.shared.Ids;
import io.telepay.shared.Money;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Stands in for the call module (built in parallel) and the payment module (later) in order tests:
 * calls and payments that a test registers here are what {@link Calls#summary} and
 * {@link OrderPayments#paymentsOf} answer. Primary, so it wins over the real modules once they exist.
 */
@TestConfiguration(proxyBeanMethods = false)
class TestCalls {

    private static final Map<String, CallSummary> CALLS = new ConcurrentHashMap<>();
    private static final Map<String, List<OrderPaymentSummary>> PAYMENTS = new ConcurrentHashMap<>();

    /** A call of the customer by the agent, as the call module would report it. */
    static String call(String customerId, String agentId, String status) {
        String id = "call_" + Ids.randomToken(10);
        CALLS.put(id, new CallSummary(id, customerId, agentId, "INBOUND", status, Instant.parse("2026-03-01T02:00:00Z"), null));
        return id;
    }

    static void payment(String orderId, Money amount) {
        PAYMENTS.put(orderId, List.of(new OrderPaymentSummary("pay_" + Ids.randomToken(8), "CAPTURED", amount, amount,
                Money.zero(amount.currency()), "VISA", "4242", Instant.parse("2026-03-01T02:00:00Z"))));
    }

    /**
     * A class mock rather than a subclass: the call module's {@code Calls} will get its own constructor,
     * and this stand-in must keep compiling when it does. Only {@code summary} is answered.
     */
    @Bean
    @Primary
    Calls testCalls() {
        return mock(Calls.class, invocation -> invocation.getMethod().getName().equals("summary")
                ? Optional.ofNullable(CALLS.get((String) invocation.getArgument(0)))
                : null);
    }

    @Bean
    @Primary
    OrderPayments testOrderPayments() {
        return orderId -> PAYMENTS.getOrDefault(orderId, List.of());
    }
}
