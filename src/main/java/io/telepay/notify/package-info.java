/**
 * Delivery of SMS and e-mail to customers (pay links, receipts, confirmations) with retries and a
 * recorded outcome; on the embedded demo, a message log instead of real providers.
 */
package io.telepay.notify;
