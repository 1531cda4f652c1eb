package io.telepay.trust.caller;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.telepay.call.CallEnded;
import io.telepay.call.CallStarted;
import io.telepay.call.CallSummary;
import io.telepay.call.Calls;
import io.telepay.shared.Db;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Who is on a call with which customer right now, kept from the call module's events, so that "is one
 * of your agents on the phone with me?" needs no access to the call module's tables. Every answer is
 * confirmed with the call module ({@link Calls#summary}): an event that arrives late or twice never
 * makes an ended call look live.
 */
@Component
class CallsInProgress {

    private final JdbcClient jdbc;
    private final Calls calls;
    private final CallCodes codes;
    private final Clock clock;

    CallsInProgress(JdbcClient jdbc, Calls calls, CallCodes codes, Clock clock) {
        this.jdbc = jdbc;
        this.calls = calls;
        this.codes = codes;
        this.clock = clock;
    }

    @EventListener
    void on(CallStarted started) {
        boolean active = calls.summary(started.callId()).map(c -> "ACTIVE".equals(c.status())).orElse(false);
        boolean known = jdbc.sql("select count(*) from trust_live_call where call_id = :id").param("id", started.callId())
                .query(Long.class).single() > 0;
        if (active && !known) {
            jdbc.sql("insert into trust_live_call (call_id, customer_id, agent_id, started_at) values (:id, :customer, :agent, :at)")
                    .param("id", started.callId()).param("customer", started.customerId()).param("agent", started.agentId())
                    .param("at", Db.ts(started.startedAt())).update();
        }
    }

    @EventListener
    void on(CallEnded ended) {
        jdbc.sql("delete from trust_live_call where call_id = :id").param("id", ended.callId()).update();
        codes.forget(ended.callId());
    }

    /**
     * The customer's active call, if any. Runs the same queries for an unknown customer ({@code null})
     * as for a known one, so the time taken tells nothing about who is a customer.
     */
    Optional<CallSummary> withCustomer(String customerId) {
        List<String> ids = jdbc.sql("select call_id from trust_live_call where customer_id = :customer order by started_at desc")
                .param("customer", customerId == null ? "" : customerId).query(String.class).list();
        for (String id : ids) {
            Optional<CallSummary> call = calls.summary(id).filter(c -> "ACTIVE".equals(c.status()));
            if (call.isPresent()) {
                return call;
            }
        }
        return Optional.empty();
    }

    /** Drops entries whose end was never heard of (a lost event, a race with the start), hourly. */
    @Scheduled(fixedDelayString = "${telepay.trust.live-call-sweep-interval:PT1H}", initialDelayString = "PT5M")
    @SchedulerLock(name = "trust-live-call-sweep", lockAtMostFor = "PT10M")
    void sweep() {
        List<String> old = jdbc.sql("select call_id from trust_live_call where started_at < :cutoff order by started_at limit 500")
                .param("cutoff", Db.ts(clock.instant().minus(Duration.ofHours(1)))).query(String.class).list();
        for (String id : old) {
            if (calls.summary(id).map(c -> !"ACTIVE".equals(c.status())).orElse(true)) {
                jdbc.sql("delete from trust_live_call where call_id = :id").param("id", id).update();
                codes.forget(id);
            }
        }
    }
}
