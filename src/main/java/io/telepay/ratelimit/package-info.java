/**
 * Rate limits every instance counts together: Bucket4j token buckets kept in the database.
 */
package io.telepay.ratelimit;
