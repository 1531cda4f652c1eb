package io.telepay.customer.web;

import java.time.Instant;

import io.telepay.customer.CustomerDirectory;
import io.telepay.customer.CustomerView;
import io.telepay.customer.lead.LeadQueue;
import io.telepay.customer.lead.LeadScore;
import io.telepay.customer.lead.ReservedLead;
import io.telepay.shared.Actors;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The agent's lead queue. {@code GET /leads/next} reserves and returns the next lead, or answers
 * 204 No Content when nothing is due: an empty queue is a normal state, not an error.
 */
@RestController
@RequestMapping("/api/v1/leads")
@PreAuthorize("hasRole('AGENT')")
class LeadController {

    private final LeadQueue queue;
    private final CustomerDirectory customers;

    LeadController(LeadQueue queue, CustomerDirectory customers) {
        this.queue = queue;
        this.customers = customers;
    }

    record NextLead(String id, ReservedLead.Kind kind, CustomerView customer, String source, String campaign,
                    int attempts, Instant callbackAt, Instant reservedUntil, LeadScore score) {
    }

    record Outcome(String disposition, Instant callbackAt) {
    }

    @GetMapping("/next")
    ResponseEntity<NextLead> next() {
        return queue.next(Actors.current())
                .map(lead -> ResponseEntity.ok(new NextLead(lead.id(), lead.kind(), customers.get(lead.customerId()),
                        lead.source(), lead.campaign(), lead.attempts(), lead.callbackAt(), lead.reservedUntil(), lead.score())))
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    /** Gives the lead back untouched: it is available to others at once. */
    @PostMapping("/{id}/release")
    ResponseEntity<Void> release(@PathVariable String id) {
        queue.release(Actors.current(), id);
        return ResponseEntity.noContent().build();
    }

    /**
     * What came of the lead, when no call in Telepay recorded it: {@code {disposition, callbackAt?}} with the
     * dispositions of a call.
     */
    @PostMapping("/{id}/complete")
    ResponseEntity<Void> complete(@PathVariable String id, @RequestBody Outcome body) {
        customers.completeLead(id, body.disposition(), body.callbackAt());
        return ResponseEntity.noContent().build();
    }
}
