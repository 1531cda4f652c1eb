package io.telepay.customer.lead;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import io.telepay.customer.ConsentChannel;
import io.telepay.customer.CustomerDirectory;
import io.telepay.customer.CustomerView;
import io.telepay.customer.NewCustomer;
import io.telepay.identity.StaffDirectory;
import io.telepay.identity.StaffUser;
import io.telepay.shared.Actor;
import io.telepay.shared.Db;
import io.telepay.shared.Deployment;
import io.telepay.shared.Ids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Demo customers and leads on the first start of the embedded default: customers of the demo agents
 * {@code agent} and {@code agent2}, a do-not-call customer, and open leads from three campaigns whose
 * conversion so far makes the lead scores worth reading.
 */
@Component
@Order(30)
@ConditionalOnProperty(name = "telepay.command", havingValue = "server", matchIfMissing = true)
class LeadDemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(LeadDemoData.class);

    private record Person(String name, String phone, String email) {
    }

    private record Campaign(String name, String source, long contacted, long converted, List<Person> leads) {
    }

    private static final List<Campaign> CAMPAIGNS = List.of(
            new Campaign("春季保險", "facebook", 50, 6, List.of(
                    new Person("吳淑華", "+886912000101", "shuhua.wu@example.com.tw"),
                    new Person("蔡明宏", "+886922000102", null),
                    new Person("鄭雅雯", "+886933000103", "yawen@example.com"))),
            new Campaign("年終優惠", "web", 80, 4, List.of(
                    new Person("許志豪", "+886952000201", null),
                    new Person("周佳穎", "+8613800000202", "jiaying.zhou@example.cn"),
                    new Person("謝宗翰", "+886963000203", null))),
            new Campaign("線上英語課程", "展覽", 12, 3, List.of(
                    new Person("楊詩涵", "+8613900000301", null),
                    new Person("趙俊傑", "+886975000302", "junjie@example.com.tw"))));

    private final Deployment deployment;
    private final StaffDirectory staff;
    private final CustomerDirectory customers;
    private final LeadStats stats;
    private final LeadQueue queue;
    private final JdbcClient jdbc;
    private final Clock clock;

    LeadDemoData(Deployment deployment, StaffDirectory staff, CustomerDirectory customers, LeadStats stats,
                 LeadQueue queue, JdbcClient jdbc, Clock clock) {
        this.deployment = deployment;
        this.staff = staff;
        this.customers = customers;
        this.stats = stats;
        this.queue = queue;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!deployment.demo() || jdbc.sql("select count(*) from customer").query(Long.class).single() > 0) {
            return;
        }
        Optional<StaffUser> agent = staff.findByUsername("agent");
        Optional<StaffUser> agent2 = staff.findByUsername("agent2");
        if (agent.isEmpty() || agent2.isEmpty()) {
            return;
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new UsernamePasswordAuthenticationToken(Actor.SYSTEM, null, List.of()));
        SecurityContextHolder.setContext(context);
        try {
            seed(agent.get(), agent2.get());
        } finally {
            SecurityContextHolder.clearContext();
        }
        log.info("Demo customers and leads are ready: sign in as agent and open the lead queue");
    }

    private void seed(StaffUser agent, StaffUser agent2) {
        customer("林淑芬", "+886912345678", "shufen.lin@example.com.tw", true, agent);
        customer("黃建宏", "0933-222-111", null, null, agent);
        customer("張美惠", "+86 138 1234 5678", "meihui@example.cn", false, agent);
        customer("劉家豪", "0955-666-777", null, true, agent2);
        customer("王小明", "+86 139 8765 4321", null, null, agent2);
        CustomerView refused = customer("李大同", "0921-000-111", null, false, agent);
        customers.markDoNotCall(refused.id(), "請不要再打來");

        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int day = 0;
        for (Campaign campaign : CAMPAIGNS) {
            stats.ensure(LeadStats.CAMPAIGN, campaign.name());
            stats.ensure(LeadStats.SOURCE, campaign.source());
            jdbc.sql("update lead_stats set leads = leads + :leads, contacted = :contacted, converted = :converted where kind = 'campaign' and name = :name")
                    .param("leads", campaign.leads().size() + campaign.contacted()).param("contacted", campaign.contacted())
                    .param("converted", campaign.converted()).param("name", campaign.name()).update();
            jdbc.sql("update lead_stats set leads = leads + :leads, contacted = :contacted, converted = :converted where kind = 'source' and name = :name")
                    .param("leads", campaign.leads().size() + campaign.contacted()).param("contacted", campaign.contacted())
                    .param("converted", campaign.converted()).param("name", campaign.source()).update();
            for (Person person : campaign.leads()) {
                CustomerView customer = customer(person.name(), person.phone(), person.email(), null, null);
                Instant created = now.minus(Duration.ofDays(day++ * 3L));
                jdbc.sql("""
                        insert into lead (id, customer_id, source, campaign, status, available_at, created_at, updated_at)
                        values (:id, :customer, :source, :campaign, 'OPEN', :created, :created, :created)""")
                        .param("id", Ids.next("led_")).param("customer", customer.id()).param("source", campaign.source())
                        .param("campaign", campaign.name()).param("created", Db.ts(created)).update();
            }
        }
        queue.rescoreOpenLeads();
    }

    private CustomerView customer(String name, String phone, String email, Boolean consent, StaffUser owner) {
        return customers.create(new NewCustomer(name, phone, email, null, consent,
                consent == null ? null : ConsentChannel.CALL, owner == null ? null : owner.id(), null));
    }
}
