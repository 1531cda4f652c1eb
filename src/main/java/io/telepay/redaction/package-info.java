/**
 * Note redaction: what staff type (call notes, dispositions, customer notes) is searched for card numbers,
 * CVCs, PINs and one-time codes before it is stored or logged; a finding is replaced and raises an alert.
 */
package io.telepay.redaction;
