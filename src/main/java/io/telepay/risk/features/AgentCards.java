package io.telepay.risk.features;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import io.telepay.shared.Db;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The distinct cards each agent took per business day, kept as attempts are written (V143): a row per agent,
 * day and card with the moment it was first seen, and a counter per agent and day with the latest such moment.
 * Counting them as of a moment reads the team's counters and, only for a day that went on after that moment,
 * takes away the cards first seen later; so a live decision reads one row per team member however busy the
 * team is, and a backtest gets the same answer as of any earlier moment. Correct with several instances: the
 * first writer of an agent's card for the day inserts it, the others find it there, and only the first raises
 * the counter (creating it for the day's first card).
 */
@Component
class AgentCards {

    private final JdbcClient jdbc;
    private final ZoneId zone;

    AgentCards(JdbcClient jdbc, @Value("${telepay.risk.time-zone:Asia/Taipei}") String zone) {
        this.jdbc = jdbc;
        this.zone = ZoneId.of(zone);
    }

    void seen(String agentId, String team, String cardFingerprint, Instant at) {
        if (agentId == null || cardFingerprint == null) {
            return;
        }
        LocalDate day = at.atZone(zone).toLocalDate();
        int first = jdbc.sql("""
                insert into risk_agent_card (agent_id, business_day, card_fp, first_at) values (:agent, :day, :card, :at)
                on conflict do nothing""")
                .param("agent", agentId).param("day", day).param("card", cardFingerprint).param("at", Db.ts(at)).update();
        if (first == 1 && increment(agentId, day, at) == 0) {
            // the agent's first card of the day; an instance that loses the race to insert the counter adds to it
            int created = jdbc.sql("""
                    insert into risk_agent_day (agent_id, business_day, team, cards, last_at) values (:agent, :day, :team, 1, :at)
                    on conflict do nothing""").param("agent", agentId).param("day", day).param("team", team).param("at", Db.ts(at)).update();
            if (created == 0) {
                increment(agentId, day, at);
            }
        }
    }

    private int increment(String agentId, LocalDate day, Instant at) {
        return jdbc.sql("""
                update risk_agent_day set cards = cards + 1, last_at = greatest(last_at, :at)
                where agent_id = :agent and business_day = :day""")
                .param("agent", agentId).param("day", day).param("at", Db.ts(at)).update();
    }

    /** Distinct cards per agent on the business day of {@code asOf}, up to it: of the team, or of the agent alone. */
    Map<String, Long> today(String agentId, String team, Instant asOf) {
        String whose = team == null ? "d.agent_id = :whose" : "d.team = :whose";
        Map<String, Long> cards = new HashMap<>();
        jdbc.sql("""
                select d.agent_id, case when d.last_at <= :asOf then d.cards else d.cards - (select count(*) from risk_agent_card c
                    where c.agent_id = d.agent_id and c.business_day = d.business_day and c.first_at > :asOf) end as cards
                from risk_agent_day d where %s and d.business_day = :day""".formatted(whose))
                .param("whose", team == null ? agentId : team).param("day", asOf.atZone(zone).toLocalDate())
                .param("asOf", Db.ts(asOf))
                .query((rs, row) -> cards.put(rs.getString("agent_id"), rs.getLong("cards"))).list();
        return cards;
    }
}
