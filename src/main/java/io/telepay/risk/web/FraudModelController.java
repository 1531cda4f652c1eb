package io.telepay.risk.web;

import java.time.Instant;
import java.util.List;

import io.telepay.learning.LearnedModel;
import io.telepay.learning.ModelStatus;
import io.telepay.risk.FraudModelState;
import io.telepay.risk.FraudModels;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The learned fraud model's versions: train one, list them with their figures, switch one SHADOW, ACTIVE or RETIRED. */
@RestController
@RequestMapping("/api/v1/risk/fraud-models")
@PreAuthorize("hasAnyRole('RISK_ANALYST', 'ADMIN')")
class FraudModelController {

    private final FraudModels models;

    FraudModelController(FraudModels models) {
        this.models = models;
    }

    record Versions(List<LearnedModel> items, FraudModelState scoring) {
    }

    record TrainRequest(Instant from, Instant to) {
    }

    record SwitchRequest(String status) {
    }

    @GetMapping
    Versions list() {
        return new Versions(models.versions(), models.state());
    }

    @PostMapping("/train")
    @ResponseStatus(HttpStatus.CREATED)
    FraudModels.Training train(@RequestBody TrainRequest request) {
        return models.train(request == null ? null : request.from(), request == null ? null : request.to());
    }

    @PostMapping("/{id}/status")
    LearnedModel switchTo(@PathVariable String id, @RequestBody SwitchRequest request) {
        return models.switchTo(id, ModelStatus.parseSwitch("status", request == null ? null : request.status()));
    }
}
