package io.telepay.call;

import io.telepay.shared.Checks;

/**
 * A call to start.
 *
 * @param agentId  who makes the call: supervisors name an agent of their team, admins any agent;
 *                 agents leave it out (they always call as themselves)
 */
public record StartCall(String customerId, Direction direction, String agentId) {

    public StartCall {
        customerId = customerId == null ? null : customerId.strip();
        agentId = agentId == null || agentId.isBlank() ? null : agentId.strip();
        Checks.start()
                .text("customerId", customerId, 64)
                .require("direction", direction)
                .optionalText("agentId", agentId, 64)
                .orThrow();
    }
}
