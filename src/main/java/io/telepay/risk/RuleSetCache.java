package io.telepay.risk;

import java.util.ArrayList;
import java.util.List;

import io.telepay.risk.rules.CompiledRule;
import io.telepay.risk.rules.Feature;
import io.telepay.risk.rules.FeatureCatalog;
import io.telepay.risk.rules.RuleLanguage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The enabled rules, compiled, as of the rule set's version in the database. Each decision reads that
 * one-row version (a primary-key read) and recompiles only when another instance or an edit moved it.
 */
@Component
class RuleSetCache {

    private static final Logger log = LoggerFactory.getLogger(RuleSetCache.class);

    record RuleSet(long version, List<CompiledRule> rules) {
    }

    private final JdbcClient jdbc;
    private volatile RuleSet current = new RuleSet(-1, List.of());

    RuleSetCache(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    RuleSet current() {
        long version = jdbc.sql("select version from risk_rule_set where id = 1").query(Long.class).single();
        RuleSet cached = current;
        if (cached.version() == version) {
            return cached;
        }
        RuleSet loaded = new RuleSet(version, compile(jdbc.sql("select * from risk_rule where current = true and enabled = true order by rule_id")
                .query(RiskRules::map).list()));
        current = loaded;
        return loaded;
    }

    /** Called in the transaction that changed a rule: the next decision everywhere reloads. */
    void changed() {
        jdbc.sql("update risk_rule_set set version = version + 1 where id = 1").update();
    }

    static List<CompiledRule> compile(List<RuleView> rules) {
        List<CompiledRule> compiled = new ArrayList<>();
        for (RuleView rule : rules) {
            try {
                compiled.add(compile(rule));
            } catch (RuleSyntaxError e) {
                // a stored rule the catalog no longer accepts must not stop payments: skip it, loudly
                log.warn("risk rule {} v{} no longer compiles and is skipped: {}", rule.id(), rule.version(), e.getMessage());
            }
        }
        return List.copyOf(compiled);
    }

    static CompiledRule compile(RuleView rule) {
        return new CompiledRule(rule.id(), rule.version(), rule.name(), rule.action(), rule.mode(), rule.score(), rule.reason(),
                RuleLanguage.compile(rule.expression(), FeatureCatalog.standard()));
    }

    static List<Feature> features() {
        return FeatureCatalog.standard().all();
    }
}
