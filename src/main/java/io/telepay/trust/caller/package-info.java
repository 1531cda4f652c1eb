/**
 * Caller verification: the company's registered outbound numbers
 * ({@link io.telepay.trust.caller.OutboundNumbers}, also kept from the console), caller checks and call codes.
 */
@org.springframework.modulith.NamedInterface("caller")
package io.telepay.trust.caller;
