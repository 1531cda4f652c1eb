/**
 * Payment sessions (pay link and keypad), the pay step from a presented card to a captured payment,
 * the reconciler for unknown outcomes, and the operations on payments.
 */
package io.telepay.payment;
