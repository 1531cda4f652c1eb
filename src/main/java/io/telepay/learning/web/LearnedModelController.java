package io.telepay.learning.web;

import java.util.List;

import io.telepay.learning.LearnedModel;
import io.telepay.learning.LearnedModels;
import io.telepay.learning.ModelStatus;
import io.telepay.shared.InvalidInput;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Learned model versions of every kind: {@code GET /learned-models?kind=lead-conversion} lists them newest first
 * with their windows and figures; {@code POST /learned-models/{id}/status {status}} switches one (ADMIN).
 */
@RestController
@RequestMapping("/api/v1/learned-models")
@PreAuthorize("hasAnyRole('ADMIN', 'SUPERVISOR', 'RISK_ANALYST')")
class LearnedModelController {

    private static final int LIMIT = 100;

    private final LearnedModels models;

    LearnedModelController(LearnedModels models) {
        this.models = models;
    }

    record StatusBody(String status) {
    }

    @GetMapping
    List<LearnedModel> list(@RequestParam(required = false) String kind) {
        if (kind == null || kind.isBlank()) {
            throw new InvalidInput("kind", "is required, e.g. lead-conversion");
        }
        return models.list(kind.strip(), LIMIT);
    }

    @GetMapping("/{id}")
    LearnedModel one(@PathVariable String id) {
        return models.get(id);
    }

    /** SHADOW, ACTIVE (retires the kind's former ACTIVE version) or RETIRED. */
    @PostMapping("/{id}/status")
    @PreAuthorize("hasRole('ADMIN')")
    LearnedModel status(@PathVariable String id, @RequestBody(required = false) StatusBody body) {
        ModelStatus to = ModelStatus.parseSwitch("status", body == null ? null : body.status());
        return models.changeStatus(id, to);
    }
}
