/**
 * The append-only, HMAC-chained audit log of every act of a person or integration, and its verifier.
 */
package io.telepay.audit;
