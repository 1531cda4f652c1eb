package io.telepay.risk.features;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.telepay.shared.JavaMigrationBean;
import org.flywaydb.core.api.migration.Context;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Migration 144: fills {@link AgentCards}' tables (V143) from the attempts stored before them. In Java because
 * the business day is the date in the configured risk time zone, which H2 and PostgreSQL do not compute alike.
 * Attempts are read oldest first, so the first insert of an agent's card for a day holds its first moment.
 */
@Component
class AgentCardsBackfill extends JavaMigrationBean {

    private static final int BATCH = 1_000;

    private final ZoneId zone;

    AgentCardsBackfill(@Value("${telepay.risk.time-zone:Asia/Taipei}") String zone) {
        super("144", "risk agent cards backfill");
        this.zone = ZoneId.of(zone);
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        // the team an agent worked in on a day: the one on their first attempt of it
        Map<List<Object>, String> teams = new LinkedHashMap<>();
        try (Statement read = connection.createStatement();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into risk_agent_card (agent_id, business_day, card_fp, first_at) values (?, ?, ?, ?)
                     on conflict do nothing""")) {
            read.setFetchSize(BATCH);
            try (ResultSet rows = read.executeQuery("""
                    select agent_id, team, card_fp, at from risk_attempt
                    where agent_id is not null and card_fp is not null order by at, payment_id""")) {
                int pending = 0;
                while (rows.next()) {
                    OffsetDateTime at = rows.getObject("at", OffsetDateTime.class);
                    LocalDate day = at.atZoneSameInstant(zone).toLocalDate();
                    String agent = rows.getString("agent_id");
                    teams.putIfAbsent(List.of(agent, day), rows.getString("team"));
                    insert.setString(1, agent);
                    insert.setObject(2, day);
                    insert.setString(3, rows.getString("card_fp"));
                    insert.setObject(4, at);
                    insert.addBatch();
                    if (++pending % BATCH == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            read.executeUpdate("""
                    insert into risk_agent_day (agent_id, business_day, team, cards, last_at)
                    select agent_id, business_day, null, count(*), max(first_at) from risk_agent_card group by agent_id, business_day
                    on conflict do nothing""");
        }
        try (PreparedStatement team = connection.prepareStatement(
                "update risk_agent_day set team = ? where agent_id = ? and business_day = ?")) {
            int pending = 0;
            for (var entry : teams.entrySet()) {
                if (entry.getValue() != null) {
                    team.setString(1, entry.getValue());
                    team.setString(2, (String) entry.getKey().get(0));
                    team.setObject(3, entry.getKey().get(1));
                    team.addBatch();
                    if (++pending % BATCH == 0) {
                        team.executeBatch();
                    }
                }
            }
            team.executeBatch();
        }
    }
}
