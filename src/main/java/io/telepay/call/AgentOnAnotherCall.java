package io.telepay.call;

import io.telepay.shared.StateConflict;

/** 409: an agent holds one active call at a time; this names the one they are on. */
public class AgentOnAnotherCall extends StateConflict {

    private final String activeCallId;

    public AgentOnAnotherCall(String agentId, String activeCallId) {
        super("agent-on-another-call", "Agent " + agentId + " is on call " + activeCallId + "; end it first");
        this.activeCallId = activeCallId;
    }

    public String activeCallId() {
        return activeCallId;
    }
}
