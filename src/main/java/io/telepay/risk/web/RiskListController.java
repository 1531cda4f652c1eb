package io.telepay.risk.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.telepay.risk.ListEntry;
import io.telepay.risk.ListKind;
import io.telepay.risk.RiskAction;
import io.telepay.risk.RiskLists;
import io.telepay.shared.NotFound;
import io.telepay.shared.Page;
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
@RequestMapping("/api/v1/risk/lists/{kind}")
class RiskListController {

    private final RiskLists lists;

    RiskListController(RiskLists lists) {
        this.lists = lists;
    }

    record NewEntry(String value, RiskAction action, String reason, Instant expiresAt) {
        @Override
        public String toString() {
            return "NewEntry[" + action + "]";
        }
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('RISK_ANALYST', 'SUPERVISOR', 'ADMIN')")
    Page<ListEntry> list(@PathVariable String kind, @RequestParam(required = false) String cursor,
                         @RequestParam(required = false) Integer limit) {
        int size = Page.limit(limit);
        List<ListEntry> entries = lists.entries(kind(kind), cursor, size);
        return new Page<>(entries, entries.size() == size ? entries.getLast().id() : null);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('RISK_ANALYST', 'ADMIN')")
    ListEntry add(@PathVariable String kind, @RequestBody NewEntry body) {
        return lists.add(kind(kind), body.value(), body.action(), body.reason(), body.expiresAt());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAnyRole('RISK_ANALYST', 'ADMIN')")
    void remove(@PathVariable String kind, @PathVariable String id) {
        lists.remove(kind(kind), id);
    }

    private static ListKind kind(String kind) {
        try {
            return ListKind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new NotFound("list", kind);
        }
    }
}
