/**
 * Fraud reports with their evidence: intake from the public form and API, the staff triage desk
 * ({@link io.telepay.trust.report.ReportDesk}, also used by the console), the evidence locker with its
 * chain of custody, and retention.
 */
@org.springframework.modulith.NamedInterface("report")
package io.telepay.trust.report;
