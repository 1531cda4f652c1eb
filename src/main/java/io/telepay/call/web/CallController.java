package io.telepay.call.web;

import java.net.URI;
import java.time.Instant;

import io.telepay.call.AgentOnAnotherCall;
import io.telepay.call.CallDetail;
import io.telepay.call.CallQuery;
import io.telepay.call.CallScript;
import io.telepay.call.CallStatus;
import io.telepay.call.CallView;
import io.telepay.call.Calls;
import io.telepay.call.Direction;
import io.telepay.call.Disposition;
import io.telepay.call.EndCall;
import io.telepay.call.NoteView;
import io.telepay.call.StartCall;
import io.telepay.call.TalkOutcome;
import io.telepay.shared.Page;
import io.telepay.idempotency.Idempotent;
import io.telepay.shared.web.Problems;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Calls over HTTP (API.md, CRM and calls). Agents work their own calls, supervisors their team's,
 * admins all; risk analysts read. {@code GET /calls/active} answers the caller's own active call, or
 * 204 when they are on none.
 */
@RestController
@RequestMapping("/api/v1/calls")
@PreAuthorize("hasAnyRole('AGENT', 'SUPERVISOR', 'ADMIN')")
class CallController {

    private static final String READERS = "hasAnyRole('AGENT', 'SUPERVISOR', 'ADMIN', 'RISK_ANALYST')";

    private final Calls calls;

    CallController(Calls calls) {
        this.calls = calls;
    }

    record StartBody(String customerId, Direction direction, String agentId) {
    }

    record NoteBody(String text) {
    }

    record EndBody(Disposition disposition, Instant callbackAt, TalkOutcome talkOutcome) {
    }

    @PostMapping
    @Idempotent
    ResponseEntity<CallView> start(@RequestBody StartBody body) {
        CallView call = calls.start(new StartCall(body.customerId(), body.direction(), body.agentId()));
        return ResponseEntity.created(URI.create("/api/v1/calls/" + call.id())).body(call);
    }

    /** The note as stored: redacted when it held a secret, with what was removed and why. */
    @PostMapping("/{id}/notes")
    @Idempotent
    ResponseEntity<NoteView> addNote(@PathVariable String id, @RequestBody NoteBody body) {
        NoteView note = calls.addNote(id, body.text());
        return ResponseEntity.created(URI.create("/api/v1/calls/" + id + "#" + note.id())).body(note);
    }

    @PostMapping("/{id}/end")
    @Idempotent
    CallView end(@PathVariable String id, @RequestBody EndBody body) {
        return calls.end(id, new EndCall(body.disposition(), body.callbackAt(), body.talkOutcome()));
    }

    @GetMapping("/{id}")
    @PreAuthorize(READERS)
    CallDetail get(@PathVariable String id) {
        return calls.get(id);
    }

    /** Newest first, within the caller's reach. */
    @GetMapping
    @PreAuthorize(READERS)
    Page<CallView> list(@RequestParam(required = false) String customerId, @RequestParam(required = false) String agentId,
                        @RequestParam(required = false) CallStatus status, @RequestParam(required = false) String cursor,
                        @RequestParam(required = false) Integer limit) {
        return calls.list(new CallQuery(customerId, agentId, status, cursor, Page.limit(limit)));
    }

    @GetMapping("/active")
    ResponseEntity<CallView> active() {
        return calls.active().map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.noContent().build());
    }

    /** The product's script beside the call's notes: {@code ?productId=prd_…}. */
    @GetMapping("/{id}/script")
    @PreAuthorize(READERS)
    CallScript script(@PathVariable String id, @RequestParam String productId) {
        return calls.script(id, productId);
    }

    @ExceptionHandler(AgentOnAnotherCall.class)
    ResponseEntity<ProblemDetail> onAnotherCall(AgentOnAnotherCall conflict) {
        ProblemDetail problem = Problems.of(conflict);
        problem.setProperty("activeCallId", conflict.activeCallId());
        return ResponseEntity.status(problem.getStatus()).contentType(Problems.PROBLEM_JSON).body(problem);
    }
}
