package io.telepay.trust.caller;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a consumer is told: yes or no, the company, and — only for a call that is live right now — the
 * agent's first name. Never anything about the consumer or any customer.
 *
 * @param verified   the number is one the company calls from, or the code belongs to a live call
 * @param agentName  the first name of the agent on the live call; null otherwise
 * @param activeCall one of the company's agents is on a call with the consumer (by their number or the code)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CallerCheck(boolean verified, String company, String agentName, boolean activeCall) {
}
