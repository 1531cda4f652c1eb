package io.telepay.trust.report;

import java.util.List;

import io.telepay.shared.Page;
import io.telepay.idempotency.Idempotent;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The fraud-report triage desk over HTTP, for risk analysts, supervisors and admins: the queue, a
 * report, its status, its links, its evidence one file at a time or as the bundle for the police
 * ({@code GET /reports/{id}/evidence-bundle}, API.md), and the chain of custody.
 */
@RestController
@RequestMapping("/api/v1/reports")
@PreAuthorize("hasAnyRole('RISK_ANALYST', 'SUPERVISOR', 'ADMIN')")
class ReportController {

    private final ReportDesk desk;

    ReportController(ReportDesk desk) {
        this.desk = desk;
    }

    record StatusBody(ReportStatus status, String note) {
    }

    record LinkBody(LinkKind kind, String id) {
    }

    @GetMapping
    Page<ReportSummary> list(@RequestParam(required = false) ReportStatus status, @RequestParam(required = false) String cursor,
                             @RequestParam(required = false) Integer limit) {
        return desk.list(status, cursor, Page.limit(limit));
    }

    @GetMapping("/{id}")
    ReportView get(@PathVariable String id) {
        return desk.get(id);
    }

    @PostMapping("/{id}/status")
    ReportView status(@PathVariable String id, @RequestBody StatusBody body) {
        return desk.changeStatus(id, body.status(), body.note());
    }

    /** {@code {kind: CALL|AGENT|CUSTOMER|PAYMENT|CARD, id}}: links the report, publishing FraudReported for risk. */
    @PostMapping("/{id}/links")
    @Idempotent
    ReportView link(@PathVariable String id, @RequestBody LinkBody body) {
        return desk.link(id, body.kind(), body.id());
    }

    /** One evidence file as received, after its SHA-256 was checked again; recorded in its chain of custody. */
    @GetMapping("/{id}/evidence/{evidenceId}")
    ResponseEntity<byte[]> evidence(@PathVariable String id, @PathVariable String evidenceId) {
        return EvidenceDownloads.file(desk.openEvidence(id, evidenceId));
    }

    /** A zip: {@code manifest.json} and {@code evidence/NN-name}; 409 naming a file that changed since intake. */
    @GetMapping("/{id}/evidence-bundle")
    ResponseEntity<byte[]> bundle(@PathVariable String id) {
        return EvidenceDownloads.bundle(id, desk.bundle(id));
    }

    @GetMapping("/{id}/custody")
    List<CustodyEntry> custody(@PathVariable String id) {
        return desk.custody(id);
    }
}
