/**
 * Delivery of SMS and e-mail to customers (pay links, receipts, confirmations) with retries and a
 * recorded outcome; on the embedded demo, a message log instead of real providers. What the messages say comes
 * from one catalog per language, {@link io.telepay.notify.CustomerTexts}.
 */
package io.telepay.notify;
