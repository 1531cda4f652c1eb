package io.telepay.customer.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.telepay.customer.CustomerDirectory;
import io.telepay.customer.CustomerView;
import io.telepay.customer.lead.LeadModelScore;
import io.telepay.customer.lead.LeadQueue;
import io.telepay.customer.lead.LeadScore;
import io.telepay.customer.lead.ReservedLead;
import io.telepay.shared.Actors;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
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
    private final MessageSource messages;

    LeadController(LeadQueue queue, CustomerDirectory customers, MessageSource messages) {
        this.queue = queue;
        this.customers = customers;
        this.messages = messages;
    }

    /**
     * @param score the hand-written score and its reasons
     * @param model the learned model's probability and its top reasons (each also as {@code text} in the
     *              request's language); null without a usable model
     */
    record NextLead(String id, ReservedLead.Kind kind, CustomerView customer, String source, String campaign,
                    int attempts, Instant callbackAt, Instant reservedUntil, LeadScore score, ModelScore model) {
    }

    record ModelScore(String modelId, int version, String mode, double probability, List<ModelReason> reasons) {
    }

    record ModelReason(String feature, double value, double effect, String message, List<String> args, String text) {
    }

    record Outcome(String disposition, Instant callbackAt) {
    }

    @GetMapping("/next")
    ResponseEntity<NextLead> next() {
        return queue.next(Actors.current())
                .map(lead -> ResponseEntity.ok(new NextLead(lead.id(), lead.kind(), customers.get(lead.customerId()),
                        lead.source(), lead.campaign(), lead.attempts(), lead.callbackAt(), lead.reservedUntil(), lead.score(),
                        model(lead.model()))))
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    private ModelScore model(LeadModelScore score) {
        if (score == null) {
            return null;
        }
        Locale locale = LocaleContextHolder.getLocale();
        return new ModelScore(score.modelId(), score.version(), score.mode(), score.probability(), score.reasons().stream()
                .map(r -> new ModelReason(r.feature(), r.value(), r.effect(), r.message(), r.args(),
                        messages.getMessage(r.message(), r.args().toArray(), r.feature(), locale)))
                .toList());
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
