package io.telepay.trust.caller;

import java.net.URI;

import io.telepay.shared.Page;
import io.telepay.idempotency.Idempotent;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The company's outbound numbers, which caller checks confirm: administrators keep the list. */
@RestController
@RequestMapping("/api/v1/trust/outbound-numbers")
@PreAuthorize("hasRole('ADMIN')")
class OutboundNumberController {

    private final OutboundNumbers numbers;

    OutboundNumberController(OutboundNumbers numbers) {
        this.numbers = numbers;
    }

    record NumberBody(String phone, String label) {
    }

    record LabelBody(String label) {
    }

    @PostMapping
    @Idempotent
    ResponseEntity<OutboundNumber> register(@RequestBody NumberBody body) {
        OutboundNumber number = numbers.register(body.phone(), body.label());
        return ResponseEntity.created(URI.create("/api/v1/trust/outbound-numbers/" + number.id())).body(number);
    }

    @GetMapping
    Page<OutboundNumber> list(@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        return numbers.list(cursor, Page.limit(limit));
    }

    @GetMapping("/{id}")
    OutboundNumber get(@PathVariable String id) {
        return numbers.get(id);
    }

    @PatchMapping("/{id}")
    OutboundNumber relabel(@PathVariable String id, @RequestBody LabelBody body) {
        return numbers.relabel(id, body.label());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String id) {
        numbers.remove(id);
    }
}
