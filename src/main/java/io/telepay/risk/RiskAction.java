package io.telepay.risk;

/**
 * What a risk decision asks for: ALLOW charges; REVIEW authorizes but holds the capture until an
 * analyst releases it; CHALLENGE asks the customer to confirm first; BLOCK declines before the gateway.
 */
public enum RiskAction {
    ALLOW, REVIEW, CHALLENGE, BLOCK
}
