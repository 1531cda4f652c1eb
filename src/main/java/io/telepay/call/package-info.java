/**
 * Calls: start, notes (redacted before they are stored), end with a disposition, callbacks, scripts,
 * handle time.
 */
package io.telepay.call;
