package io.telepay.call;

import java.util.Optional;

/**
 * CONTRACT ONLY — the call engineer replaces this file with the implementation. The signatures and
 * Javadoc are the agreement with the order module (and later trust and risk).
 */
public class Calls {

    /** For other modules: the call regardless of who asks (no access check), or empty for an unknown id. */
    public Optional<CallSummary> summary(String callId) {
        throw new UnsupportedOperationException("contract");
    }
}
