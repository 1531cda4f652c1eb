package io.telepay.customer.web;

import java.util.List;

import io.telepay.customer.lead.LeadModels;
import io.telepay.customer.lead.ShadowLift;
import io.telepay.learning.LearnedModel;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The learned lead model: {@code GET /leads/models} says what orders the queue now and lists the versions;
 * {@code POST /leads/models} trains a version now (ADMIN); {@code GET /leads/models/{id}/lift} measures a version on
 * the calls that followed its offers. A version is switched with {@code POST /learned-models/{id}/status}.
 */
@RestController
@RequestMapping("/api/v1/leads/models")
@PreAuthorize("hasAnyRole('ADMIN', 'SUPERVISOR')")
class LeadModelController {

    private final LeadModels models;

    LeadModelController(LeadModels models) {
        this.models = models;
    }

    /**
     * @param ordering    MODEL when an ACTIVE version orders the queue, HAND_WRITTEN otherwise
     * @param activeModel the ACTIVE version's id, if any (even when it cannot be read)
     * @param warning     why an ACTIVE version is not used; null when nothing is wrong
     */
    record Overview(String ordering, String activeModel, String warning, List<LearnedModel> versions) {
    }

    @GetMapping
    Overview overview() {
        LeadModels.State state = models.state();
        return new Overview(state.ordering(), state.activeModel(), state.warning(), models.versions());
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<LearnedModel> train() {
        return ResponseEntity.status(HttpStatus.CREATED).body(models.trainNow());
    }

    @GetMapping("/{id}/lift")
    ShadowLift lift(@PathVariable String id) {
        return models.lift(id);
    }
}
