package io.telepay.order.web;

import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.telepay.order.ConfirmOrder;
import io.telepay.order.NewOrder;
import io.telepay.order.OrderChange;
import io.telepay.order.OrderDetails;
import io.telepay.order.OrderQuery;
import io.telepay.order.OrderStateConflict;
import io.telepay.order.OrderStatus;
import io.telepay.order.Orders;
import io.telepay.order.ReadBack;
import io.telepay.order.ReadBackLanguage;
import io.telepay.order.RequestedLine;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.Page;
import io.telepay.idempotency.Idempotent;
import io.telepay.shared.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Orders over HTTP (API.md, "Catalog and orders"). Agents, supervisors and admins take and change
 * orders; risk analysts and auditors read them. Every command honours {@code Idempotency-Key}.
 */
@RestController
@RequestMapping("/api/v1/orders")
class OrderController {

    private static final String TAKERS = "hasAnyRole('AGENT', 'SUPERVISOR', 'ADMIN')";
    private static final String READERS = "hasAnyRole('AGENT', 'SUPERVISOR', 'ADMIN', 'RISK_ANALYST', 'AUDITOR')";

    private final Orders orders;

    OrderController(Orders orders) {
        this.orders = orders;
    }

    @PostMapping
    @PreAuthorize(TAKERS)
    @Idempotent
    ResponseEntity<OrderDetails> create(@RequestBody NewOrder body) {
        OrderDetails order = orders.create(body);
        return ResponseEntity.created(URI.create("/api/v1/orders/" + order.id())).body(order);
    }

    /**
     * Newest first. {@code status} takes one status or several separated by commas.
     */
    @GetMapping
    @PreAuthorize(READERS)
    Page<OrderDetails> list(@RequestParam(required = false) String customerId,
                            @RequestParam(required = false) String agentId,
                            @RequestParam(required = false) String callId,
                            @RequestParam(required = false) String status,
                            @RequestParam(required = false) String cursor,
                            @RequestParam(required = false) Integer limit) {
        return orders.list(new OrderQuery(customerId, agentId, callId, statuses(status), cursor, Page.limit(limit)));
    }

    /** The order a customer quotes by the short reference on their receipt or pay page. */
    @GetMapping("/by-reference/{reference}")
    @PreAuthorize(READERS)
    OrderDetails byReference(@PathVariable String reference) {
        return orders.byReference(reference);
    }

    @GetMapping("/{id}")
    @PreAuthorize(READERS)
    OrderDetails get(@PathVariable String id) {
        return orders.details(id);
    }

    /** What the agent reads to the customer, in {@code ?lang=} or else the {@code Accept-Language}. */
    @GetMapping("/{id}/read-back")
    @PreAuthorize(READERS)
    ReadBack readBack(@PathVariable String id, @RequestParam(required = false) String lang,
                      @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) {
        return orders.readBack(id, language(lang, acceptLanguage));
    }

    /** Changes a draft: {@code lines} (all of them) and/or {@code shippingAddress}. */
    @PatchMapping("/{id}")
    @PreAuthorize(TAKERS)
    @Idempotent
    OrderDetails change(@PathVariable String id, @RequestBody OrderChange body) {
        return orders.change(id, body);
    }

    record Lines(List<RequestedLine> lines) {
    }

    /** Replaces the lines of a draft. */
    @PutMapping("/{id}/lines")
    @PreAuthorize(TAKERS)
    @Idempotent
    OrderDetails replaceLines(@PathVariable String id, @RequestBody Lines body) {
        if (body.lines() == null) {
            throw new InvalidInput("lines", "is required");
        }
        return orders.change(id, new OrderChange(body.lines(), null));
    }

    /**
     * The customer agreed on the call. The body is optional: {@code callId} (defaults to the order's call),
     * {@code expectedTotal} (the total that was read; refused with 409 if it is no longer the total). The
     * read-back is recorded in {@code ?lang=} or else the {@code Accept-Language}.
     */
    @PostMapping("/{id}/confirm")
    @PreAuthorize(TAKERS)
    @Idempotent
    OrderDetails confirm(@PathVariable String id, @RequestBody(required = false) ConfirmOrder body,
                         @RequestParam(required = false) String lang,
                         @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) {
        return orders.confirm(id, body == null ? ConfirmOrder.ON_ORDER_CALL : body, language(lang, acceptLanguage));
    }

    record Cancel(String reason) {
    }

    /** Calls the order off before payment; the body {@code {reason}} is optional. */
    @PostMapping("/{id}/cancel")
    @PreAuthorize(TAKERS)
    @Idempotent
    OrderDetails cancel(@PathVariable String id, @RequestBody(required = false) Cancel body) {
        return orders.cancel(id, body == null ? null : body.reason());
    }

    /** The 409 names the order's status and the refused command, so a client can tell what to do instead. */
    @ExceptionHandler(OrderStateConflict.class)
    ResponseEntity<ProblemDetail> stateConflict(OrderStateConflict conflict) {
        ProblemDetail problem = Problems.of(conflict);
        problem.setProperty("orderStatus", conflict.orderStatus().name());
        problem.setProperty("command", conflict.command().name());
        return ResponseEntity.status(problem.getStatus()).contentType(Problems.PROBLEM_JSON).body(problem);
    }

    private static ReadBackLanguage language(String lang, String acceptLanguage) {
        return lang != null ? ReadBackLanguage.named(lang, "lang") : ReadBackLanguage.accepted(acceptLanguage);
    }

    private static Set<OrderStatus> statuses(String status) {
        if (status == null || status.isBlank()) {
            return Set.of();
        }
        if (status.length() > 200) {
            throw new InvalidInput("status", "names too many statuses");
        }
        Set<OrderStatus> statuses = EnumSet.noneOf(OrderStatus.class);
        for (String name : status.split(",")) {
            try {
                statuses.add(OrderStatus.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("status", "must be one or more of " + java.util.Arrays.toString(OrderStatus.values()));
            }
        }
        return statuses;
    }
}
