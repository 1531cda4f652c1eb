package io.telepay.shared;

/** Staff and integration roles (API.md). */
public enum Role {
    ADMIN, SUPERVISOR, AGENT, RISK_ANALYST, AUDITOR, TELEPHONY;

    public String authority() {
        return "ROLE_" + name();
    }
}
