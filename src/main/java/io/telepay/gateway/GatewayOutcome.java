package io.telepay.gateway;

/** How an acquirer answered; UNKNOWN when no answer came (a timeout tells nothing about the charge). */
public enum GatewayOutcome {
    APPROVED, DECLINED, UNKNOWN, NOT_FOUND
}
