package io.telepay.identity.web;

import java.util.List;

import io.telepay.identity.ApiKey;
import io.telepay.identity.ApiKeys;
import io.telepay.identity.CreatedApiKey;
import io.telepay.shared.Page;
import io.telepay.shared.Role;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/api-keys")
@PreAuthorize("hasRole('ADMIN')")
class ApiKeyController {

    private final ApiKeys apiKeys;

    ApiKeyController(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    record CreateKey(String name, Role role, String userId, java.time.Instant expiresAt) {
    }

    /** The key is in this answer and nowhere else, ever. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CreatedApiKey create(@RequestBody CreateKey body) {
        return apiKeys.create(body.name(), body.role(), body.userId(), body.expiresAt());
    }

    @GetMapping
    Page<ApiKey> list(@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        int size = Page.limit(limit);
        List<ApiKey> keys = apiKeys.list(cursor, size);
        return new Page<>(keys, keys.size() == size ? keys.getLast().id() : null);
    }

    @GetMapping("/{id}")
    ApiKey get(@PathVariable String id) {
        return apiKeys.get(id);
    }

    @PostMapping("/{id}/revoke")
    ApiKey revoke(@PathVariable String id) {
        return apiKeys.revoke(id);
    }

    @DeleteMapping("/{id}")
    ApiKey delete(@PathVariable String id) {
        return apiKeys.revoke(id);
    }
}
