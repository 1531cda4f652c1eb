package io.telepay.idempotency;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.telepay.shared.Ids;
import io.telepay.shared.RuleViolation;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A test-only endpoint whose every run is an effect that can be counted: the stand-in for "create an
 * order" or "capture a payment" when testing {@link Idempotent}.
 */
@RestController
@RequestMapping("/api/v1/test/idempotency")
class EffectCounter {

    static final Map<String, AtomicInteger> EFFECTS = new ConcurrentHashMap<>();
    static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();
    static final Duration GATE_TIMEOUT = Duration.ofSeconds(60);

    /**
     * @param counter  which counter this run adds to
     * @param outcome  null for 201, {@code "reject"} for a 422 after the effect, {@code "fail"} for a 500
     * @param gate     the name of a latch the run waits on before its effect, to hold it "in progress"
     */
    record Effect(String counter, String outcome, String gate) {
    }

    static int effects(String counter) {
        AtomicInteger count = EFFECTS.get(counter);
        return count == null ? 0 : count.get();
    }

    @Idempotent
    @PostMapping("/effects")
    ResponseEntity<Map<String, Object>> effect(@RequestBody Effect body) throws InterruptedException {
        return run(body);
    }

    @Idempotent
    @PostMapping("/other-effects")
    ResponseEntity<Map<String, Object>> otherEffect(@RequestBody Effect body) throws InterruptedException {
        return run(body);
    }

    /** Open to anyone, like a pay link: the caller is anonymous. */
    @RestController
    @RequestMapping("/api/v1/public/test/idempotency")
    static class Public {

        private final EffectCounter counter;

        Public(EffectCounter counter) {
            this.counter = counter;
        }

        @Idempotent
        @PostMapping("/effects/{token}")
        ResponseEntity<Map<String, Object>> effect(@RequestBody Effect body) throws InterruptedException {
            return counter.run(body);
        }
    }

    /** Not annotated: the header means nothing here. */
    @PostMapping("/plain-effects")
    ResponseEntity<Map<String, Object>> plainEffect(@RequestBody Effect body) throws InterruptedException {
        return run(body);
    }

    private ResponseEntity<Map<String, Object>> run(Effect body) throws InterruptedException {
        if (body.gate() != null) {
            GATES.computeIfAbsent(body.gate(), name -> new CountDownLatch(1)).await(GATE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        int count = EFFECTS.computeIfAbsent(body.counter(), name -> new AtomicInteger()).incrementAndGet();
        if ("fail".equals(body.outcome())) {
            throw new IllegalStateException("the effect failed on our side");
        }
        if ("reject".equals(body.outcome())) {
            throw new RuleViolation("effect refused by a business rule");
        }
        String id = Ids.next("eff_");
        return ResponseEntity.created(URI.create("/api/v1/test/idempotency/effects/" + id))
                .body(Map.of("id", id, "counter", body.counter(), "count", count));
    }
}
