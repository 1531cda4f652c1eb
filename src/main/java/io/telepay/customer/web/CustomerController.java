package io.telepay.customer.web;

import java.net.URI;

import io.telepay.customer.ConsentChannel;
import io.telepay.customer.CustomerChanges;
import io.telepay.customer.CustomerDirectory;
import io.telepay.customer.CustomerView;
import io.telepay.customer.NewCustomer;
import io.telepay.customer.PhoneAlreadyRegistered;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.NotFound;
import io.telepay.shared.Page;
import io.telepay.shared.web.Problems;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Customers over HTTP. {@code GET /customers?phone=} answers the one customer with that number (404 when
 * there is none the caller may see); without {@code phone} it lists a page. A duplicate phone number is a
 * 409 whose {@code customerId} names the customer who has it.
 */
@RestController
@RequestMapping("/api/v1/customers")
@PreAuthorize("hasAnyRole('AGENT', 'SUPERVISOR', 'ADMIN')")
class CustomerController {

    private final CustomerDirectory customers;

    CustomerController(CustomerDirectory customers) {
        this.customers = customers;
    }

    record ConsentInput(Boolean marketing, ConsentChannel channel) {
        ConsentInput {
            if (marketing == null) {
                throw new InvalidInput("marketing", "is required");
            }
        }
    }

    record CreateCustomer(String name, String phone, String email, String country, ConsentInput consent, String ownerId,
                          String language) {
    }

    record UpdateCustomer(String name, String phone, String email, String country, ConsentInput consent, String language) {
    }

    record Reason(String reason) {
    }

    record Assignment(String agentId) {
    }

    @PostMapping
    ResponseEntity<CustomerView> create(@RequestBody CreateCustomer body) {
        CustomerView created = customers.create(new NewCustomer(body.name(), body.phone(), body.email(), body.country(),
                body.consent() == null ? null : body.consent().marketing(),
                body.consent() == null ? null : body.consent().channel(), body.ownerId(), body.language()));
        return ResponseEntity.created(URI.create("/api/v1/customers/" + created.id())).body(created);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('AGENT', 'SUPERVISOR', 'ADMIN', 'RISK_ANALYST')")
    CustomerView get(@PathVariable String id) {
        return customers.get(id);
    }

    @GetMapping(params = "phone")
    @PreAuthorize("hasAnyRole('AGENT', 'SUPERVISOR', 'ADMIN', 'RISK_ANALYST')")
    CustomerView byPhone(@RequestParam String phone) {
        return customers.findByPhone(phone).orElseThrow(() -> new NotFound("customer with phone", PhoneMask.of(phone)));
    }

    /** Newest first; {@code q} searches names and phone digits. */
    @GetMapping(params = "!phone")
    @PreAuthorize("hasAnyRole('AGENT', 'SUPERVISOR', 'ADMIN', 'RISK_ANALYST')")
    Page<CustomerView> list(@RequestParam(required = false) String q, @RequestParam(required = false) String ownerId,
                            @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        return customers.list(q, ownerId, cursor, Page.limit(limit));
    }

    @PatchMapping("/{id}")
    CustomerView update(@PathVariable String id, @RequestBody UpdateCustomer body) {
        return customers.update(id, new CustomerChanges(body.name(), body.phone(), body.email(), body.country(),
                body.consent() == null ? null : body.consent().marketing(),
                body.consent() == null ? null : body.consent().channel(), body.language()));
    }

    @PostMapping("/{id}/do-not-call")
    CustomerView doNotCall(@PathVariable String id, @RequestBody(required = false) Reason body) {
        return customers.setDoNotCall(id, body == null ? null : body.reason());
    }

    @DeleteMapping("/{id}/do-not-call")
    @PreAuthorize("hasAnyRole('SUPERVISOR', 'ADMIN')")
    CustomerView liftDoNotCall(@PathVariable String id, @RequestBody(required = false) Reason body) {
        return customers.liftDoNotCall(id, body == null ? null : body.reason());
    }

    @PostMapping("/{id}/assign")
    @PreAuthorize("hasAnyRole('SUPERVISOR', 'ADMIN')")
    CustomerView assign(@PathVariable String id, @RequestBody Assignment body) {
        return customers.assign(id, body.agentId());
    }

    @ExceptionHandler(PhoneAlreadyRegistered.class)
    ResponseEntity<ProblemDetail> duplicate(PhoneAlreadyRegistered duplicate) {
        ProblemDetail problem = Problems.of(duplicate);
        boolean visible;
        try {
            customers.get(duplicate.customerId());
            visible = true;
        } catch (NotFound outOfReach) {
            visible = false;
        }
        if (visible) {
            problem.setProperty("customerId", duplicate.customerId());
        }
        problem.setProperty("errors", java.util.List.of(new io.telepay.shared.TelepayProblem.FieldError("phone", visible
                ? "belongs to your customer " + duplicate.customerId()
                : "is already registered to a customer you cannot see; ask your supervisor")));
        return ResponseEntity.status(409).contentType(Problems.PROBLEM_JSON).body(problem);
    }

    /** The number as a 404 may repeat it: the caller typed it, but logs and proxies need not keep it. */
    private static final class PhoneMask {
        static String of(String phone) {
            return phone.length() <= 4 ? "***" : "***" + phone.substring(phone.length() - 3);
        }
    }
}
