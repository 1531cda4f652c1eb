package io.telepay.fulfilment.web;

import java.util.List;

import io.telepay.fulfilment.FulfilmentView;
import io.telepay.fulfilment.Fulfilments;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.Page;
import io.telepay.idempotency.Idempotent;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/fulfilments")
class FulfilmentController {

    private final Fulfilments fulfilments;

    FulfilmentController(Fulfilments fulfilments) {
        this.fulfilments = fulfilments;
    }

    record Completion(String reference) {
    }

    @PostMapping("/{id}/complete")
    @PreAuthorize("hasAnyRole('AGENT', 'SUPERVISOR', 'ADMIN')")
    @Idempotent
    FulfilmentView complete(@PathVariable String id, @RequestBody Completion body) {
        return fulfilments.complete(id, body.reference());
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('AGENT', 'SUPERVISOR', 'ADMIN', 'AUDITOR')")
    FulfilmentView get(@PathVariable String id) {
        return fulfilments.visible(id);
    }

    /** The queue of work: PENDING first for the warehouse and the service desk (supervisors and admins). */
    @GetMapping
    @PreAuthorize("hasAnyRole('SUPERVISOR', 'ADMIN')")
    Page<FulfilmentView> list(@RequestParam(required = false) String status, @RequestParam(required = false) String cursor,
                              @RequestParam(required = false) Integer limit) {
        if (status != null && !status.equals("PENDING") && !status.equals("COMPLETED")) {
            throw new InvalidInput("status", "must be PENDING or COMPLETED");
        }
        int size = Page.limit(limit);
        List<FulfilmentView> page = fulfilments.list(status, cursor, size);
        return new Page<>(page, page.size() == size ? page.getLast().id() : null);
    }
}
