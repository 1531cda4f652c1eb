package io.telepay.customer.lead;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.telepay.audit.AuditTrail;
import io.telepay.learning.LearnedModelStatusChanged;
import io.telepay.learning.ModelStatus;
import io.telepay.shared.Actor;
import io.telepay.shared.Db;
import io.telepay.shared.Ids;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.NotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The lead queue: each agent gets their due callbacks first, then the best-scored open lead that is
 * theirs or nobody's. Handing out reserves the lead for {@code telepay.leads.reservation} (30 min):
 * no other agent gets it meanwhile, and it comes back by itself if the agent never reports an outcome.
 *
 * <p>Two agents asking at the same moment never get the same lead: a reservation is a conditional
 * update ({@code … where available_at <= now}) that only one transaction can win, on H2 as on
 * PostgreSQL; the loser moves on to the next candidate.
 */
@Service
public class LeadQueue {

    private static final Logger log = LoggerFactory.getLogger(LeadQueue.class);

    static final String OPEN = "OPEN";
    static final String CLOSED = "CLOSED";
    private static final int CANDIDATES = 20;
    private static final int ROUNDS = 5;
    private static final int RESCORE_PAGE = 1000;
    private static final int UNSCORED_PAGE = 500;

    /** What a call came to, as the call module reports it. */
    public enum Disposition {
        SALE, NO_SALE, CALLBACK, NO_ANSWER, DO_NOT_CALL;

        /** @throws InvalidInput naming {@code disposition} for anything else */
        public static Disposition parse(String text) {
            if (text == null) {
                throw new InvalidInput("disposition", "is required");
            }
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("disposition", "must be one of SALE, NO_SALE, CALLBACK, NO_ANSWER, DO_NOT_CALL");
            }
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final LeadStats stats;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration reservation;
    private final Duration noAnswerRetry;
    private final int maxAttempts;
    private final LeadModel model;
    private final LeadHistories histories;

    LeadQueue(JdbcClient jdbc, TransactionTemplate transactions, LeadStats stats, AuditTrail audit, Clock clock,
              LeadModel model, LeadHistories histories,
              @Value("${telepay.leads.reservation:PT30M}") Duration reservation,
              @Value("${telepay.leads.no-answer-retry:PT2H}") Duration noAnswerRetry,
              @Value("${telepay.leads.max-attempts:6}") int maxAttempts) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.stats = stats;
        this.audit = audit;
        this.clock = clock;
        this.reservation = reservation;
        this.noAnswerRetry = noAnswerRetry;
        this.maxAttempts = maxAttempts;
        this.model = model;
        this.histories = histories;
    }

    /**
     * The agent's next lead, reserved for them: the lead they already hold if any (asking twice gives the
     * same lead), else their earliest due callback, else the best-scored open lead. Empty when nothing is due.
     */
    public Optional<ReservedLead> next(Actor agent) {
        Instant now = now();
        Optional<LeadRow> held = jdbc.sql("select " + LeadRow.COLUMNS + " from lead l where l.reserved_by = :agent"
                        + " and l.reserved_until > :now and l.status = 'OPEN' order by l.reserved_until desc limit 1")
                .param("agent", agent.id()).param("now", Db.ts(now)).query(LeadRow::map).optional();
        if (held.isPresent()) {
            return Optional.of(handed(held.get(), now));
        }
        Optional<LeadModel.Scorer> active = model.active();
        active.ifPresent(scorer -> scoreUnscored(scorer, agent.id(), now));
        for (int round = 0; round < ROUNDS; round++) {
            List<LeadRow> candidates = dueCallbacks(agent.id(), now);
            if (candidates.isEmpty()) {
                candidates = active.isPresent() ? bestByModel(active.get(), agent.id(), now) : bestScored(agent.id(), now);
            }
            if (candidates.isEmpty()) {
                return Optional.empty();
            }
            for (LeadRow candidate : candidates) {
                if (reserve(candidate, agent, now)) {
                    LeadRow mine = find(candidate.id()).orElseThrow();
                    return Optional.of(handed(mine, now));
                }
            }
            // every candidate went to agents who asked at the same moment: look again
        }
        return Optional.empty();
    }

    /** Gives the held lead back to the queue at once, untouched. */
    @Transactional
    public void release(Actor agent, String leadId) {
        held(agent, leadId);
        jdbc.sql("""
                update lead set reserved_by = null, reserved_until = null, available_at = :now, updated_at = :now
                where id = :id and reserved_by = :agent""").param("now", Db.ts(now())).param("id", leadId)
                .param("agent", agent.id()).update();
        audit.record("lead.released", leadId, Map.of());
    }

    /**
     * The customer of a lead the agent holds now.
     *
     * @throws NotFound      when the lead is not the agent's (never was, or went to someone else)
     * @throws ReservationEnded when the agent's reservation ran out
     */
    public String held(Actor agent, String leadId) {
        LeadRow lead = find(leadId).filter(row -> agent.id().equals(row.reservedBy()))
                .orElseThrow(() -> new NotFound("lead", leadId));
        if (!OPEN.equals(lead.status()) || lead.reservedUntil() == null || !lead.reservedUntil().isAfter(now())) {
            throw new ReservationEnded(leadId);
        }
        return lead.customerId();
    }

    /** Records a call outcome on the customer's lead (see {@code CustomerDirectory.recordCallOutcome}). */
    @Transactional
    public void recordOutcome(String customerId, String agentId, Disposition disposition, Instant callbackAt, Instant endedAt) {
        Instant ended = endedAt.truncatedTo(ChronoUnit.MICROS);
        Instant callback = callbackAt == null ? null : callbackAt.truncatedTo(ChronoUnit.MICROS);
        if (disposition == Disposition.CALLBACK && callback == null) {
            throw new InvalidInput("callbackAt", "is required for a CALLBACK");
        }
        if (callback != null && (disposition == Disposition.CALLBACK || disposition == Disposition.NO_ANSWER)) {
            if (!callback.isAfter(ended) || callback.isAfter(ended.plus(Duration.ofDays(366)))) {
                throw new InvalidInput("callbackAt", "must be after the call and within a year");
            }
        } else {
            callback = null;
        }
        Instant now = now();
        Optional<LeadRow> found = jdbc.sql("select " + LeadRow.COLUMNS + " from lead l where l.customer_id = :customer for update")
                .param("customer", customerId).query(LeadRow::map).optional();
        LeadRow lead;
        if (found.isEmpty()) {
            if (callback == null) {
                // a customer who never was a lead, reached on an ordinary call: nothing to queue
                return;
            }
            String id = Ids.next("led_");
            jdbc.sql("""
                    insert into lead (id, customer_id, status, available_at, created_at, updated_at)
                    values (:id, :customer, 'OPEN', :now, :now, :now)""")
                    .param("id", id).param("customer", customerId).param("now", Db.ts(now)).update();
            lead = find(id).orElseThrow();
        } else {
            lead = found.get();
        }
        if (lead.attempts() == 0 && lead.convertedAt() == null) {
            stats.addContacted(LeadStats.CAMPAIGN, lead.campaign());
            stats.addContacted(LeadStats.SOURCE, lead.source());
        }
        jdbc.sql("""
                insert into lead_contact (id, lead_id, customer_id, agent_id, ended_at, disposition)
                values (:id, :lead, :customer, :agent, :ended, :disposition)""")
                .param("id", Ids.next("lct_")).param("lead", lead.id()).param("customer", customerId).param("agent", agentId)
                .param("ended", Db.ts(ended)).param("disposition", disposition.name()).update();
        // the offer this call followed: the agent's latest offer of the lead that no call answered yet
        jdbc.sql("""
                update lead_offer set contacted_at = :ended, disposition = :disposition
                where id in (select o.id from lead_offer o where o.lead_id = :lead and o.agent_id = :agent
                             and o.contacted_at is null and o.offered_at <= :ended
                             and o.offered_at = (select max(p.offered_at) from lead_offer p where p.lead_id = :lead
                                                 and p.agent_id = :agent and p.contacted_at is null and p.offered_at <= :ended))""")
                .param("ended", Db.ts(ended)).param("disposition", disposition.name()).param("lead", lead.id())
                .param("agent", agentId).update();
        int attempts = lead.attempts() + 1;
        String status = OPEN;
        String outcome = null;
        String agent = lead.agentId();
        Instant available = now;
        Instant scheduledCallback = null;
        switch (disposition) {
            case CALLBACK -> {
                agent = agentId;
                scheduledCallback = callback;
                available = callback;
            }
            case NO_ANSWER -> {
                if (callback != null) {
                    agent = agentId;
                    scheduledCallback = callback;
                    available = callback;
                } else if (attempts >= maxAttempts) {
                    status = CLOSED;
                    outcome = "EXHAUSTED";
                } else {
                    // the customer was given to this agent on first contact; the retry is theirs
                    agent = ownerOf(customerId, agentId);
                    available = ended.plus(noAnswerRetry);
                }
            }
            case SALE, NO_SALE, DO_NOT_CALL -> {
                status = CLOSED;
                outcome = disposition.name();
            }
        }
        jdbc.sql("""
                update lead set status = :status, outcome = :outcome, agent_id = :agent, callback_at = :callback,
                    available_at = :available, reserved_by = null, reserved_until = null, attempts = :attempts,
                    last_attempt_at = :ended, last_disposition = :disposition, updated_at = :now
                where id = :id""")
                .param("status", status).param("outcome", outcome).param("agent", agent)
                .param("callback", Db.ts(scheduledCallback)).param("available", Db.ts(available))
                .param("attempts", attempts).param("ended", Db.ts(ended)).param("disposition", disposition.name())
                .param("now", Db.ts(now)).param("id", lead.id())
                .update();
        rescore(lead.id(), now);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("customerId", customerId);
        details.put("agentId", agentId);
        details.put("disposition", disposition.name());
        details.put("attempts", attempts);
        if (scheduledCallback != null) {
            details.put("callbackAt", scheduledCallback.toString());
        }
        audit.record("lead.outcome-recorded", lead.id(), details);
    }

    /** The customer bought: their lead converts (once) and its score takes the order into account. */
    @Transactional
    public void recordOrder(String customerId, Instant at) {
        Optional<LeadRow> found = jdbc.sql("select " + LeadRow.COLUMNS + " from lead l where l.customer_id = :customer for update")
                .param("customer", customerId).query(LeadRow::map).optional();
        if (found.isEmpty()) {
            return;
        }
        LeadRow lead = found.get();
        if (lead.convertedAt() == null) {
            if (lead.attempts() == 0) {
                stats.addContacted(LeadStats.CAMPAIGN, lead.campaign());
                stats.addContacted(LeadStats.SOURCE, lead.source());
            }
            stats.addConverted(LeadStats.CAMPAIGN, lead.campaign());
            stats.addConverted(LeadStats.SOURCE, lead.source());
            jdbc.sql("update lead set converted_at = :at, updated_at = :at where id = :id")
                    .param("at", Db.ts(at)).param("id", lead.id()).update();
        }
        rescore(lead.id(), at);
    }

    /** The customer must not be called: their open lead leaves the queue, reservation included. */
    @Transactional
    public void closeForDoNotCall(String customerId) {
        jdbc.sql("""
                update lead set status = 'CLOSED', outcome = 'DO_NOT_CALL', reserved_by = null, reserved_until = null,
                    callback_at = null, updated_at = :now
                where customer_id = :customer and status = 'OPEN'""")
                .param("now", Db.ts(now())).param("customer", customerId).update();
    }

    /** The customer has a new owner: an open lead without a promised callback goes to them only. */
    @Transactional
    public void ownerChanged(String customerId, String ownerId) {
        jdbc.sql("""
                update lead set agent_id = :owner, updated_at = :now
                where customer_id = :customer and status = 'OPEN' and callback_at is null""")
                .param("owner", ownerId).param("now", Db.ts(now())).param("customer", customerId).update();
    }

    /**
     * Brings every open lead's stored score up to date: recency moves with the clock and conversion rates
     * with every outcome, so the queue order is refreshed periodically. Idempotent, so two instances doing it
     * at once only waste work.
     */
    @Scheduled(fixedDelayString = "${telepay.leads.rescore-interval:PT1H}", initialDelayString = "${telepay.leads.rescore-interval:PT1H}")
    public void rescoreOpenLeads() {
        Instant now = now();
        String after = "";
        int changed = 0;
        while (true) {
            List<ScoredRow> page = jdbc.sql(FACTS + " where l.status = 'OPEN' and l.id > :after order by l.id limit :limit")
                    .param("after", after).param("limit", RESCORE_PAGE)
                    .query((rs, n) -> scoredRow(rs, now)).list();
            if (page.isEmpty()) {
                break;
            }
            List<ScoredRow> stale = page.stream().filter(row -> row.stored() != row.score().points()).toList();
            if (!stale.isEmpty()) {
                transactions.executeWithoutResult(status -> stale.forEach(row ->
                        jdbc.sql("update lead set score = :score where id = :id")
                                .param("score", row.score().points()).param("id", row.id()).update()));
                changed += stale.size();
            }
            after = page.getLast().id();
        }
        if (changed > 0) {
            log.info("rescored {} open leads", changed);
        }
        model.current().ifPresent(scorer -> rescoreModel(scorer, now));
    }

    /**
     * Stores the model's probability for every open lead (null for a customer who must not be called), so the
     * queue can order by it once the model is ACTIVE.
     */
    void rescoreModel(LeadModel.Scorer scorer, Instant now) {
        String after = "";
        int scored = 0;
        while (true) {
            List<String> page = jdbc.sql("select l.id from lead l where l.status = 'OPEN' and l.id > :after order by l.id limit :limit")
                    .param("after", after).param("limit", RESCORE_PAGE).query(String.class).list();
            if (page.isEmpty()) {
                break;
            }
            scored += storeModelScores(scorer, page, now);
            after = page.getLast();
        }
        log.info("lead model {} (version {}) scored {} open leads", scorer.version().id(), scorer.version().version(), scored);
    }

    /** A lead model switched ACTIVE scores the open leads at once, beside the requests (they catch up themselves too). */
    @TransactionalEventListener
    void modelSwitched(LearnedModelStatusChanged changed) {
        if (!LeadModel.KIND.equals(changed.kind()) || changed.to() != ModelStatus.ACTIVE) {
            return;
        }
        Thread.ofVirtual().name("lead-model-rescore").start(() -> {
            try {
                model.active().ifPresent(scorer -> rescoreModel(scorer, now()));
            } catch (RuntimeException e) {
                log.warn("scoring the open leads with lead model {} failed; the hourly rescore tries again", changed.modelId(), e);
            }
        });
    }

    /** The agent's eligible leads the ACTIVE model has not scored yet (new since the last rescore), at most a page. */
    private void scoreUnscored(LeadModel.Scorer scorer, String agentId, Instant now) {
        List<String> unscored = jdbc.sql("select l.id from lead l join customer c on c.id = l.customer_id"
                        + " where l.status = 'OPEN' and l.callback_at is null and l.available_at <= :now"
                        + " and (l.agent_id is null or l.agent_id = :agent) and c.do_not_call = false"
                        + " and (l.model_id is null or l.model_id <> :model) order by l.score desc, l.id limit :limit")
                .param("now", Db.ts(now)).param("agent", agentId).param("model", scorer.version().id())
                .param("limit", UNSCORED_PAGE).query(String.class).list();
        if (!unscored.isEmpty()) {
            storeModelScores(scorer, unscored, now);
        }
    }

    private int storeModelScores(LeadModel.Scorer scorer, List<String> leadIds, Instant now) {
        Map<String, LeadHistory> leads = histories.ofLeads(leadIds);
        // the hand-written points as the last rescore stored them: the model's input beside the history
        Map<String, Integer> points = new java.util.HashMap<>();
        jdbc.sql("select id, score from lead where id in (:ids)").param("ids", leadIds)
                .query((rs, n) -> points.put(rs.getString("id"), rs.getInt("score"))).list();
        List<Object[]> updates = new ArrayList<>();
        for (String id : leadIds) {
            LeadHistory lead = leads.get(id);
            Double probability = lead == null ? null
                    : scorer.score(lead, now, points.getOrDefault(id, 0)).map(LeadModelScore::probability).orElse(null);
            updates.add(new Object[]{scorer.version().id(), probability, id});
        }
        transactions.executeWithoutResult(status -> updates.forEach(u -> jdbc.sql("update lead set model_id = :model, model_score = :score where id = :id")
                .param("model", u[0]).param("score", u[1]).param("id", u[2]).update()));
        return updates.size();
    }

    /** The score of one lead now, with its reasons. */
    LeadScore score(String leadId, Instant now) {
        return jdbc.sql(FACTS + " where l.id = :id").param("id", leadId)
                .query((rs, n) -> scoredRow(rs, now)).single().score();
    }

    // ---- internals ----

    /** Everything a score depends on, for one lead per row. */
    private static final String FACTS = """
            select l.id, l.score, l.created_at, l.attempts, l.campaign, l.source, c.order_count,
                   sc.contacted as campaign_contacted, sc.converted as campaign_converted,
                   ss.contacted as source_contacted, ss.converted as source_converted
            from lead l
            join customer c on c.id = l.customer_id
            left join lead_stats sc on sc.kind = 'campaign' and sc.name = l.campaign
            left join lead_stats ss on ss.kind = 'source' and ss.name = l.source""";

    private record ScoredRow(String id, int stored, LeadScore score) {
    }

    private static ScoredRow scoredRow(ResultSet rs, Instant now) throws SQLException {
        String campaign = rs.getString("campaign");
        String source = rs.getString("source");
        LeadFacts facts = new LeadFacts(Db.instant(rs, "created_at"), now,
                campaign == null ? null : new LeadFacts.Conversion(campaign, rs.getLong("campaign_contacted"), rs.getLong("campaign_converted")),
                source == null ? null : new LeadFacts.Conversion(source, rs.getLong("source_contacted"), rs.getLong("source_converted")),
                rs.getInt("order_count"), rs.getInt("attempts"));
        return new ScoredRow(rs.getString("id"), rs.getInt("score"), LeadScoring.score(facts));
    }

    private void rescore(String leadId, Instant now) {
        jdbc.sql("update lead set score = :score where id = :id")
                .param("score", score(leadId, now).points()).param("id", leadId).update();
    }

    private List<LeadRow> dueCallbacks(String agentId, Instant now) {
        return jdbc.sql("select " + LeadRow.COLUMNS + " from lead l join customer c on c.id = l.customer_id"
                        + " where l.status = 'OPEN' and l.agent_id = :agent and l.callback_at is not null"
                        + " and l.available_at <= :now and c.do_not_call = false"
                        + " order by l.callback_at, l.id limit :limit")
                .param("agent", agentId).param("now", Db.ts(now)).param("limit", CANDIDATES)
                .query(LeadRow::map).list();
    }

    /** As {@link #bestScored}, by the ACTIVE model's probability; leads it has not scored come after, by points. */
    private List<LeadRow> bestByModel(LeadModel.Scorer scorer, String agentId, Instant now) {
        return jdbc.sql("select " + LeadRow.COLUMNS + " from lead l join customer c on c.id = l.customer_id"
                        + " where l.status = 'OPEN' and l.callback_at is null and l.available_at <= :now"
                        + " and (l.agent_id is null or l.agent_id = :agent) and c.do_not_call = false"
                        + " order by case when l.model_id = :model and l.model_score is not null then l.model_score else -1 end desc,"
                        + " l.score desc, l.created_at, l.id limit :limit")
                .param("agent", agentId).param("now", Db.ts(now)).param("model", scorer.version().id())
                .param("limit", CANDIDATES).query(LeadRow::map).list();
    }

    private List<LeadRow> bestScored(String agentId, Instant now) {
        return jdbc.sql("select " + LeadRow.COLUMNS + " from lead l join customer c on c.id = l.customer_id"
                        + " where l.status = 'OPEN' and l.callback_at is null and l.available_at <= :now"
                        + " and (l.agent_id is null or l.agent_id = :agent) and c.do_not_call = false"
                        + " order by l.score desc, l.created_at, l.id limit :limit")
                .param("agent", agentId).param("now", Db.ts(now)).param("limit", CANDIDATES)
                .query(LeadRow::map).list();
    }

    /** True when this agent won the lead; false when another agent's reservation got there first. */
    private boolean reserve(LeadRow candidate, Actor agent, Instant now) {
        Instant until = now.plus(reservation);
        Boolean won = transactions.execute(status -> {
            int updated = jdbc.sql("""
                    update lead set reserved_by = :agent, reserved_until = :until, available_at = :until, updated_at = :now
                    where id = :id and status = 'OPEN' and available_at <= :now""")
                    .param("agent", agent.id()).param("until", Db.ts(until)).param("now", Db.ts(now))
                    .param("id", candidate.id()).update();
            if (updated == 1) {
                audit.record("lead.reserved", candidate.id(), Map.of("customerId", candidate.customerId(),
                        "until", until.toString()));
            }
            return updated == 1;
        });
        return Boolean.TRUE.equals(won);
    }

    /**
     * The lead as the agent gets it, with both scores; a first hand-out is recorded as an offer with both (the
     * learned model's training rows and its SHADOW measurement), asking again for the held lead is not.
     */
    private ReservedLead handed(LeadRow lead, Instant now) {
        LeadScore score = score(lead.id(), now);
        boolean callback = lead.callbackAt() != null;
        ReservedLead.Kind kind = callback ? ReservedLead.Kind.CALLBACK : ReservedLead.Kind.SCORED;
        LeadModelScore learned = model.current()
                .flatMap(scorer -> histories.ofLeads(List.of(lead.id())).values().stream().findFirst()
                        .flatMap(history -> scorer.score(history, now, score.points())))
                .orElse(null);
        Instant offeredAt = lead.reservedUntil() == null ? now : lead.reservedUntil().minus(reservation);
        boolean recorded = jdbc.sql("select count(*) from lead_offer where lead_id = :lead and offered_at = :at")
                .param("lead", lead.id()).param("at", Db.ts(offeredAt)).query(Long.class).single() > 0;
        if (!recorded && lead.reservedBy() != null) {
            jdbc.sql("""
                    insert into lead_offer (id, lead_id, customer_id, agent_id, offered_at, kind, hand_score, model_id,
                        model_mode, model_probability)
                    values (:id, :lead, :customer, :agent, :at, :kind, :hand, :model, :mode, :probability)""")
                    .param("id", Ids.next("lof_")).param("lead", lead.id()).param("customer", lead.customerId())
                    .param("agent", lead.reservedBy()).param("at", Db.ts(offeredAt)).param("kind", kind.name())
                    .param("hand", score.points()).param("model", learned == null ? null : learned.modelId())
                    .param("mode", learned == null ? null : learned.mode())
                    .param("probability", learned == null ? null : learned.probability()).update();
        }
        return new ReservedLead(lead.id(), lead.customerId(), kind, lead.source(), lead.campaign(), lead.attempts(),
                lead.callbackAt(), lead.reservedUntil(), score, learned);
    }

    private String ownerOf(String customerId, String fallback) {
        return jdbc.sql("select owner_id from customer where id = :id").param("id", customerId)
                .query(String.class).optional().orElse(fallback);
    }

    Optional<LeadRow> find(String id) {
        return jdbc.sql("select " + LeadRow.COLUMNS + " from lead l where l.id = :id").param("id", id)
                .query(LeadRow::map).optional();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    record LeadRow(String id, String customerId, String source, String campaign, String status, String agentId,
                   Instant callbackAt, Instant reservedUntil, String reservedBy, int attempts, Instant convertedAt) {

        static final String COLUMNS = "l.id, l.customer_id, l.source, l.campaign, l.status, l.agent_id, l.callback_at, "
                + "l.reserved_until, l.reserved_by, l.attempts, l.converted_at";

        static LeadRow map(ResultSet rs, int n) throws SQLException {
            return new LeadRow(rs.getString("id"), rs.getString("customer_id"), rs.getString("source"),
                    rs.getString("campaign"), rs.getString("status"), rs.getString("agent_id"),
                    Db.instant(rs, "callback_at"), Db.instant(rs, "reserved_until"), rs.getString("reserved_by"),
                    rs.getInt("attempts"), Db.instant(rs, "converted_at"));
        }
    }
}
