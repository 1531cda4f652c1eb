package io.telepay.risk;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.telepay.risk.rules.CompiledExpression;
import io.telepay.risk.rules.Feature;
import io.telepay.risk.rules.FeatureCatalog;
import io.telepay.risk.rules.FeatureValues;
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
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.]+)}");

    /** A rule ready to run. */
    record CompiledRule(String id, int version, String name, RiskAction action, RuleMode mode, int score, String reason,
                        CompiledExpression expression) {

        /** The reason with its {feature} placeholders filled from the attempt's values. */
        String explain(FeatureValues values) {
            Matcher matcher = PLACEHOLDER.matcher(reason);
            StringBuilder text = new StringBuilder();
            while (matcher.find()) {
                String shown = values.catalog().find(matcher.group(1)).map(f -> human(values.shown(f))).orElse(matcher.group());
                matcher.appendReplacement(text, Matcher.quoteReplacement(shown));
            }
            matcher.appendTail(text);
            return text.toString();
        }

        private static String human(Object value) {
            if (value == null) {
                return "unknown";
            }
            if (value instanceof java.math.BigDecimal decimal) {
                return decimal.setScale(Math.min(2, Math.max(0, decimal.scale())), java.math.RoundingMode.HALF_EVEN).toPlainString();
            }
            if (value instanceof String text && text.matches("-?[0-9.E]+ [A-Z]{3}")) {
                String[] parts = text.split(" ");
                java.math.BigDecimal amount = new java.math.BigDecimal(parts[0]);
                return amount.setScale(Math.min(2, Math.max(0, amount.scale())), java.math.RoundingMode.HALF_EVEN).toPlainString()
                        + " " + parts[1];
            }
            return String.valueOf(value);
        }
    }

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
