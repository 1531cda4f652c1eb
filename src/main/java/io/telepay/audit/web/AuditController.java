package io.telepay.audit.web;

import java.time.Instant;
import java.util.List;

import io.telepay.audit.AuditEntry;
import io.telepay.audit.AuditLog;
import io.telepay.audit.ChainVerification;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.Page;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/audit")
@PreAuthorize("hasAnyRole('AUDITOR', 'ADMIN')")
class AuditController {

    private final AuditLog log;

    AuditController(AuditLog log) {
        this.log = log;
    }

    /** Oldest first; {@code cursor} is the last seq of the previous page. */
    @GetMapping
    Page<AuditEntry> entries(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                             @RequestParam(required = false) String subject,
                             @RequestParam(required = false) String cursor,
                             @RequestParam(required = false) Integer limit) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidInput("to", "must be after from");
        }
        int size = Page.limit(limit);
        long after = parseCursor(cursor);
        List<AuditEntry> entries = log.entries(from, to, subject, after, size);
        String next = entries.size() == size ? Long.toString(entries.getLast().seq()) : null;
        return new Page<>(entries, next);
    }

    @GetMapping("/verify")
    ChainVerification verify() {
        return log.verify();
    }

    private static long parseCursor(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw new InvalidInput("cursor", "is not a cursor this endpoint gave out");
        }
    }
}
