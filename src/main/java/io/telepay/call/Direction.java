package io.telepay.call;

/** Who dialled: the customer ({@code INBOUND}) or the agent ({@code OUTBOUND}, refused for do-not-call customers). */
public enum Direction {
    INBOUND, OUTBOUND
}
