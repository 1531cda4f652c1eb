package io.telepay.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.telepay.shared.Role;
import io.telepay.testing.Http;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A year of funnel counters for 50 agents and 20 products (about 190,000 rows, written straight into the
 * read model as its listeners would have), then the funnel per agent, per product and per day over the
 * whole year, timed over HTTP. Out of the default run:
 * {@code ./mvnw -o test -Dtest=FunnelYearBenchmarkTest -Dbenchmark=true} (add {@code TELEPAY_TEST_DB_URL}
 * for PostgreSQL). Prints the timings for docs/benchmarks.md.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class FunnelYearBenchmarkTest extends SystemTest {

    @Test
    void aYearOfCountersAnswersPerAgentProductAndDay() {
        LocalDate end = LocalDate.of(2024, 12, 31);
        LocalDate start = end.minusDays(364);
        Random random = new Random(7);
        List<Object[]> rows = new ArrayList<>();
        for (int agent = 0; agent < 50; agent++) {
            for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
                rows.add(new Object[] {day, "usr_bench" + agent, "-", "-", 40L + random.nextInt(40), 20L + random.nextInt(20),
                        0L, 0L, 0L, 0L, 0L, 0L, 6000L + random.nextInt(3000)});
                for (int product = 0; product < 20; product++) {
                    if (random.nextInt(5) == 0) {
                        continue;
                    }
                    long orders = 1 + random.nextInt(3);
                    rows.add(new Object[] {day, "usr_bench" + agent, "prd_bench" + product, product % 3 == 0 ? "CNY" : "TWD",
                            0L, 0L, orders, orders * 199_900, orders, orders - (random.nextInt(4) == 0 ? 1 : 0),
                            (orders - 1) * 199_900, random.nextInt(2) == 0 ? 1L : 0L, 0L});
                }
            }
        }
        long written = System.nanoTime();
        jdbc.sql("delete from analytics_day where agent_id like 'usr_bench%'").update();
        var template = new org.springframework.jdbc.core.JdbcTemplate(jdbcDataSource());
        template.batchUpdate("""
                insert into analytics_day (business_day, agent_id, product_id, currency, calls, contacts, orders, order_minor,
                    sessions, paid, paid_minor, declines, handle_seconds) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        System.out.printf("funnel benchmark: %,d counter rows written in %d ms%n", rows.size(), (System.nanoTime() - written) / 1_000_000);

        Http admin = as(Role.ADMIN);
        String period = "from=" + start + "&to=" + end;
        for (String cut : List.of("agent", "product", "day")) {
            admin.get("/api/v1/analytics/funnel?groupBy=" + cut + "&" + period); // warm-up
            long best = Long.MAX_VALUE;
            long worst = 0;
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                var response = admin.get("/api/v1/analytics/funnel?groupBy=" + cut + "&" + period);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                if (response.status() != 200) {
                    throw new AssertionError(response.toString());
                }
                best = Math.min(best, ms);
                worst = Math.max(worst, ms);
            }
            System.out.printf("funnel benchmark: groupBy=%s over 365 days: best %d ms, worst %d ms (5 runs)%n", cut, best, worst);
        }
        jdbc.sql("delete from analytics_day where agent_id like 'usr_bench%'").update();
    }

    @org.springframework.beans.factory.annotation.Autowired
    private javax.sql.DataSource dataSource;

    private javax.sql.DataSource jdbcDataSource() {
        return dataSource;
    }
}
