/**
 * Risk control: block and allow lists, and the decision every payment passes before the gateway.
 */
package io.telepay.risk;
