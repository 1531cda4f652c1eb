/**
 * Orders: lines, totals, the confirmation made on the call, and the status machine from draft to
 * fulfilled or refunded.
 */
package io.telepay.order;
