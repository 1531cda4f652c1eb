package io.telepay.risk;

/** ACTIVE rules decide; SHADOW rules are evaluated and recorded with every decision, never acted on. */
public enum RuleMode {
    ACTIVE, SHADOW
}
