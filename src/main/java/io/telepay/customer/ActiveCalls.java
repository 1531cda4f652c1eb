package io.telepay.customer;

/**
 * Whether an agent is on a live call with a customer — the call module's answer, so the customer
 * module can show that agent the full phone number and e-mail during the call. Implement it as a
 * Spring bean in the call module; until one exists, a fallback answers {@code false} for everyone.
 */
public interface ActiveCalls {

    /** True only while the call between the two is active; must not throw for unknown ids. */
    boolean agentOnCallWith(String agentId, String customerId);
}
