/**
 * Analytics: the sales funnel per agent, product and day (calls to refunds), kept as daily counters fed
 * by the other modules' events so that a year of it answers in milliseconds; CSV export.
 */
package io.telepay.analytics;
