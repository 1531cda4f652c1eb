package io.telepay.notify.webhook;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.telepay.shared.InvalidInput;
import io.telepay.shared.Page;
import org.springframework.http.CacheControl;
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

/**
 * Webhook endpoints and their delivery log, for administrators only: an endpoint decides where sale data
 * goes. Creating an endpoint and rotating its secret take no {@code Idempotency-Key}: a replayed answer
 * would need the secret stored in clear, and a secret is shown once.
 */
@RestController
@RequestMapping("/api/v1")
@PreAuthorize("hasRole('ADMIN')")
class WebhookController {

    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;

    WebhookController(WebhookEndpoints endpoints, WebhookDeliveries deliveries) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
    }

    record CreateEndpoint(String url, List<String> events) {
    }

    record ChangeEndpoint(String url, List<String> events, Boolean enabled) {
    }

    /** @param overlap how long the previous secret keeps signing, ISO-8601 such as {@code PT2H}; default 24 hours */
    record RotateSecret(String overlap) {
    }

    record EventTypeList(List<String> types) {
    }

    @PostMapping("/webhook-endpoints")
    ResponseEntity<CreatedEndpoint> create(@RequestBody CreateEndpoint body) {
        CreatedEndpoint created = endpoints.create(body.url(), body.events());
        return ResponseEntity.created(URI.create("/api/v1/webhook-endpoints/" + created.id()))
                .cacheControl(CacheControl.noStore()).body(created);
    }

    @GetMapping("/webhook-endpoints")
    Page<WebhookEndpoint> list(@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        int size = Page.limit(limit);
        List<WebhookEndpoint> page = endpoints.list(cursor, size);
        return new Page<>(page, page.size() == size ? page.getLast().id() : null);
    }

    /** The event types an endpoint may subscribe to. */
    @GetMapping("/webhook-endpoints/event-types")
    EventTypeList eventTypes() {
        return new EventTypeList(List.copyOf(endpoints.eventTypes().all()));
    }

    @GetMapping("/webhook-endpoints/{id}")
    WebhookEndpoint get(@PathVariable String id) {
        return endpoints.get(id);
    }

    @PatchMapping("/webhook-endpoints/{id}")
    WebhookEndpoint change(@PathVariable String id, @RequestBody ChangeEndpoint body) {
        return endpoints.change(id, body.url(), body.events(), body.enabled());
    }

    @DeleteMapping("/webhook-endpoints/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        endpoints.delete(id);
    }

    @PostMapping("/webhook-endpoints/{id}/secret/rotate")
    ResponseEntity<RotatedSecret> rotate(@PathVariable String id, @RequestBody(required = false) RotateSecret body) {
        RotatedSecret rotated = endpoints.rotateSecret(id, body == null ? null : overlap(body.overlap()));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(rotated);
    }

    @GetMapping("/webhook-endpoints/{id}/deliveries")
    Page<WebhookDelivery> deliveries(@PathVariable String id, @RequestParam(required = false) String status,
                                     @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        int size = Page.limit(limit);
        List<WebhookDelivery> page = deliveries.ofEndpoint(id, status, cursor, size);
        return new Page<>(page, page.size() == size ? page.getLast().id() : null);
    }

    @GetMapping("/webhook-deliveries/{id}")
    WebhookDelivery delivery(@PathVariable String id) {
        return deliveries.get(id);
    }

    @PostMapping("/webhook-deliveries/{id}/redeliver")
    @ResponseStatus(HttpStatus.ACCEPTED)
    WebhookDelivery redeliver(@PathVariable String id) {
        return deliveries.redeliver(id);
    }

    private static Duration overlap(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInput("overlap", "must be an ISO-8601 duration such as PT24H");
        }
    }
}
