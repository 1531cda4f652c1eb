package io.telepay.trust.caller;

import java.time.Instant;

/** A number the company calls consumers from, E.164, with a label people understand ("客服中心總機"). */
public record OutboundNumber(String id, String phone, String label, String createdBy, Instant createdAt) {
}
