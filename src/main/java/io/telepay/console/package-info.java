/**
 * The web console for agents, supervisors, risk analysts and administrators.
 */
package io.telepay.console;
