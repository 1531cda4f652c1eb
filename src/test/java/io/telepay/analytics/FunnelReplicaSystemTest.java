package io.telepay.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import io.telepay.identity.StaffUser;
import io.telepay.shared.Ids;
import io.telepay.shared.ReportDatabase;
import io.telepay.shared.Role;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The funnel reads a read replica when one is configured (docs/operations.md). The "replica" here is another
 * database holding counters the primary does not have, so the answer shows which one was read.
 */
// the replica's own user: otherwise it would sign in as the primary's (postgres, when the suite runs on PostgreSQL)
@TestPropertySource(properties = {"telepay.replica.url=" + FunnelReplicaSystemTest.REPLICA, "telepay.replica.username=sa",
        "telepay.replica.password="})
class FunnelReplicaSystemTest extends SystemTest {

    static final String REPLICA = "jdbc:h2:mem:funnel_replica;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";

    @Autowired
    ReportDatabase reports;

    @BeforeAll
    static void replicaHasTheCountersTable() {
        JdbcClient.create(new DriverManagerDataSource(REPLICA, "sa", "")).sql("""
                create table if not exists analytics_day (
                    business_day date not null, agent_id varchar(40) not null, product_id varchar(40) not null,
                    currency varchar(3) not null, calls bigint not null default 0, contacts bigint not null default 0,
                    handle_seconds bigint not null default 0, orders bigint not null default 0,
                    order_minor bigint not null default 0, sessions bigint not null default 0, paid bigint not null default 0,
                    paid_minor bigint not null default 0, declines bigint not null default 0,
                    fulfilled bigint not null default 0, refunded bigint not null default 0,
                    refunded_minor bigint not null default 0, charged_back bigint not null default 0,
                    charged_back_minor bigint not null default 0,
                    primary key (business_day, agent_id, product_id, currency))""").update();
    }

    @Test
    void theFunnelIsReadFromTheReplicaAndTheRestFromThePrimary() {
        assertThat(reports.replica()).isTrue();
        StaffUser agent = newUser(Role.AGENT);
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Taipei"));
        JdbcClient.create(new DriverManagerDataSource(REPLICA, "sa", "")).sql("""
                insert into analytics_day (business_day, agent_id, product_id, currency, orders, order_minor, paid, paid_minor)
                values (:day, :agent, :product, 'JPY', 7, 8400, 6, 7200)""")
                .param("day", today).param("agent", agent.id()).param("product", "prd_" + Ids.randomToken(4)).update();
        assertThat(jdbc.sql("select count(*) from analytics_day where agent_id = :a").param("a", agent.id())
                .query(Long.class).single()).as("the primary has none of it").isZero();

        JsonNode rows = as(Role.ADMIN).get("/api/v1/analytics/funnel?from=" + today.minusDays(1) + "&to=" + today.plusDays(1))
                .json().get("rows");
        JsonNode row = null;
        for (JsonNode r : rows) {
            if (r.get("key").asString().equals(agent.id())) {
                row = r;
            }
        }
        assertThat(row).as(rows.toString()).isNotNull();
        assertThat(row.get("ordersConfirmed").asLong()).isEqualTo(7);
        assertThat(row.get("paid").asLong()).isEqualTo(6);
        // the label comes from the primary's staff directory
        assertThat(row.get("label").asString()).isEqualTo(agent.displayName());
    }
}
