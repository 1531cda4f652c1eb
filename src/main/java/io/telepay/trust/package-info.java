/**
 * The consumer's side: caller verification, fraud reports with evidence, receipts and "was this you?".
 */
package io.telepay.trust;
