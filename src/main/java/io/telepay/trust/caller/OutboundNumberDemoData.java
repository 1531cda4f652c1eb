package io.telepay.trust.caller;

import java.util.List;

import io.telepay.shared.Deployment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo company's outbound numbers on the first start of the embedded default, so {@code /verify}
 * answers "yes, that is us" for them: the Taipei switchboard, the toll-free line and the Shanghai office.
 */
@Component
@Order(70)
@ConditionalOnProperty(name = "telepay.command", havingValue = "server", matchIfMissing = true)
class OutboundNumberDemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(OutboundNumberDemoData.class);

    record Seed(String phone, String label) {
    }

    static final List<Seed> NUMBERS = List.of(
            new Seed("+886227180000", "台北客服中心總機 Taipei customer service"),
            new Seed("+886800012345", "免付費客服專線 Toll-free line"),
            new Seed("+862161234567", "上海办公室 Shanghai office"));

    private final Deployment deployment;
    private final JdbcClient jdbc;
    private final OutboundNumbers numbers;

    OutboundNumberDemoData(Deployment deployment, JdbcClient jdbc, OutboundNumbers numbers) {
        this.deployment = deployment;
        this.jdbc = jdbc;
        this.numbers = numbers;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!deployment.demo() || jdbc.sql("select count(*) from trust_outbound_number").query(Long.class).single() > 0) {
            return;
        }
        NUMBERS.forEach(seed -> numbers.register(seed.phone(), seed.label()));
        log.info("Demo workspace: {} outbound numbers registered for caller verification (/verify)", NUMBERS.size());
    }
}
