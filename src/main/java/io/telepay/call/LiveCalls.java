package io.telepay.call;

import io.telepay.customer.ActiveCalls;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells the customer module who is on a live call with whom, so the agent on the call sees the
 * customer's full number. A bean of its own, not {@link Calls}: the customer module's access rules
 * need it, and {@link Calls} needs the customer module.
 */
@Component
class LiveCalls implements ActiveCalls {

    private final JdbcClient jdbc;

    LiveCalls(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean agentOnCallWith(String agentId, String customerId) {
        if (agentId == null || customerId == null) {
            return false;
        }
        // active_agent_id is set only while the call is ACTIVE, and unique: one indexed row at most
        return jdbc.sql("select count(*) from phone_call where active_agent_id = :agent and customer_id = :customer")
                .param("agent", agentId).param("customer", customerId).query(Long.class).single() > 0;
    }
}
