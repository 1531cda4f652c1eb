package io.telepay.testing;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The system tests share one database and the sandbox's few test cards: the default risk rules would
 * see one 4242 card paying for hundreds of customers and block the suite. They run in SHADOW here
 * (evaluated and recorded on every payment, never acted on); a risk test switches on the rule it
 * tests, with cards of its own ({@link TestCards}), and back off when done.
 */
@Component
public class RiskRulesInShadow {

    private final JdbcClient jdbc;

    RiskRulesInShadow(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void shadowTheDefaultRules() {
        if (jdbc.sql("update risk_rule set mode = 'SHADOW' where mode = 'ACTIVE' and created_by = 'system'").update() > 0) {
            jdbc.sql("update risk_rule_set set version = version + 1 where id = 1").update();
        }
    }

    /** Switches a seeded rule to ACTIVE or back to SHADOW in place (tests only: no new version). */
    public void mode(String ruleId, String mode) {
        jdbc.sql("update risk_rule set mode = :mode where rule_id = :id and current = true").param("mode", mode).param("id", ruleId).update();
        jdbc.sql("update risk_rule_set set version = version + 1 where id = 1").update();
    }
}
