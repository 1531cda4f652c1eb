package io.telepay.risk;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.telepay.audit.AuditTrail;
import io.telepay.risk.rules.FeatureCatalog;
import io.telepay.risk.rules.RuleLanguage;
import io.telepay.shared.Actors;
import io.telepay.shared.Checks;
import io.telepay.shared.Db;
import io.telepay.shared.Ids;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.NotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules an analyst writes. Every edit is a new version of the rule (the old one stays, so a decision
 * names exactly what it ran) and bumps the rule set's version, which every instance checks before a
 * decision to reload its compiled rules.
 */
@Service
public class RiskRules {

    private static final String MODEL_SCORE = "model.fraudScore";

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;
    private final RuleSetCache cache;

    RiskRules(JdbcClient jdbc, AuditTrail audit, Clock clock, RuleSetCache cache) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.cache = cache;
    }

    /** The current version of every rule, with its hits of the last 7 days. */
    public List<RuleView> list() {
        Map<String, Long> hits = new HashMap<>();
        jdbc.sql("select rule_id, count(*) as hits from risk_decision_rule where at > :since group by rule_id")
                .param("since", Db.ts(clock.instant().minus(Duration.ofDays(7))))
                .query((rs, row) -> hits.put(rs.getString("rule_id"), rs.getLong("hits"))).list();
        return jdbc.sql("select * from risk_rule where current = true order by name").query(RiskRules::map).list().stream()
                .map(rule -> rule.withHits(hits.getOrDefault(rule.id(), 0L))).toList();
    }

    public RuleView get(String id) {
        RuleView rule = jdbc.sql("select * from risk_rule where rule_id = :id and current = true").param("id", id)
                .query(RiskRules::map).optional().orElseThrow(() -> new NotFound("rule", id));
        long hits = jdbc.sql("select count(*) from risk_decision_rule where rule_id = :id and at > :since").param("id", id)
                .param("since", Db.ts(clock.instant().minus(Duration.ofDays(7)))).query(Long.class).single();
        return rule.withHits(hits);
    }

    /** Every version of a rule, newest first. */
    public List<RuleView> versions(String id) {
        List<RuleView> versions = jdbc.sql("select * from risk_rule where rule_id = :id order by version desc").param("id", id)
                .query(RiskRules::map).list();
        if (versions.isEmpty()) {
            throw new NotFound("rule", id);
        }
        return versions;
    }

    /** @throws RuleSyntaxError (400) naming the column of the first problem in the expression */
    @Transactional
    public RuleView create(NewRule rule) {
        validate(rule);
        shadowFirst(null, rule);
        String id = Ids.next("rul_");
        insert(id, 1, rule);
        audit.record("risk.rule.created", id, Map.of("name", rule.name().strip(), "expression", rule.expression(),
                "action", rule.action().name(), "mode", mode(rule).name()));
        return get(id);
    }

    /** A new version of the rule; fields left out keep their value. */
    @Transactional
    public RuleView update(String id, NewRule change) {
        RuleView current = jdbc.sql("select * from risk_rule where rule_id = :id and current = true for update").param("id", id)
                .query(RiskRules::map).optional().orElseThrow(() -> new NotFound("rule", id));
        NewRule merged = new NewRule(
                change.name() != null ? change.name() : current.name(),
                change.expression() != null ? change.expression() : current.expression(),
                change.action() != null ? change.action() : current.action(),
                change.mode() != null ? change.mode() : current.mode(),
                change.enabled() != null ? change.enabled() : current.enabled(),
                change.score() != null ? change.score() : current.score(),
                change.reason() != null ? change.reason() : (change.name() != null && current.reason().equals(current.name())
                        ? null : current.reason()));
        validate(merged);
        shadowFirst(id, merged);
        jdbc.sql("update risk_rule set current = false where rule_id = :id").param("id", id).update();
        insert(id, current.version() + 1, merged);
        audit.record("risk.rule.changed", id, Map.of("version", String.valueOf(current.version() + 1),
                "expression", merged.expression(), "action", merged.action().name(), "mode", mode(merged).name(),
                "enabled", String.valueOf(merged.enabled() == null || merged.enabled())));
        return get(id);
    }

    @Transactional
    public RuleView setEnabled(String id, boolean enabled) {
        return update(id, new NewRule(null, null, null, null, enabled, null, null));
    }

    @Transactional
    public RuleView setMode(String id, RuleMode mode) {
        return update(id, new NewRule(null, null, null, mode, null, null, null));
    }

    /** Parses and type-checks an expression, as saving would. */
    public void check(String expression) {
        RuleLanguage.compile(expression, FeatureCatalog.standard());
    }

    private void validate(NewRule rule) {
        Checks checks = Checks.start().require("name", rule.name()).require("expression", rule.expression())
                .require("action", rule.action());
        if (rule.name() != null) {
            checks.text("name", rule.name(), 200);
        }
        if (rule.expression() != null) {
            checks.text("expression", rule.expression(), 4000);
        }
        if (rule.score() != null) {
            checks.check(rule.score() >= 0 && rule.score() <= 100, "score", "must be 0 to 100");
        }
        if (rule.reason() != null) {
            checks.text("reason", rule.reason(), 500);
        }
        checks.orThrow();
        check(rule.expression());
    }

    /**
     * A rule on the fraud model's score acts only after it ran in SHADOW: what it would have matched is watched
     * (and backtested) before it blocks or holds anyone's payment.
     *
     * @throws InvalidInput naming {@code mode} for an ACTIVE rule on {@code model.fraudScore} without a SHADOW past
     */
    private void shadowFirst(String id, NewRule rule) {
        boolean onTheScore = RuleLanguage.compile(rule.expression(), FeatureCatalog.standard()).features().stream()
                .anyMatch(feature -> feature.name().equals(MODEL_SCORE));
        if (mode(rule) != RuleMode.ACTIVE || !onTheScore) {
            return;
        }
        boolean ranInShadow = id != null && jdbc.sql("""
                        select count(*) from risk_rule where rule_id = :id and mode = 'SHADOW' and expression like :score""")
                .param("id", id).param("score", "%" + MODEL_SCORE + "%").query(Long.class).single() > 0;
        if (!ranInShadow) {
            throw new InvalidInput("mode", "must be SHADOW first for a rule on " + MODEL_SCORE
                    + ": watch what it matches, then switch it ACTIVE");
        }
    }

    private void insert(String id, int version, NewRule rule) {
        jdbc.sql("""
                insert into risk_rule (rule_id, version, name, expression, action, mode, enabled, score, reason, current,
                    created_by, created_at)
                values (:id, :version, :name, :expression, :action, :mode, :enabled, :score, :reason, true, :by, :now)""")
                .param("id", id).param("version", version).param("name", rule.name().strip())
                .param("expression", rule.expression().strip()).param("action", rule.action().name())
                .param("mode", mode(rule).name()).param("enabled", rule.enabled() == null || rule.enabled())
                .param("score", rule.score() == null ? 50 : rule.score())
                .param("reason", rule.reason() == null || rule.reason().isBlank() ? rule.name().strip() : rule.reason().strip())
                .param("by", Actors.currentOrSystem().id()).param("now", Db.ts(clock.instant()))
                .update();
        cache.changed();
    }

    private static RuleMode mode(NewRule rule) {
        return rule.mode() == null ? RuleMode.SHADOW : rule.mode();
    }

    static RuleView map(ResultSet rs, int row) throws SQLException {
        return new RuleView(rs.getString("rule_id"), rs.getInt("version"), rs.getString("name"), rs.getString("expression"),
                RiskAction.valueOf(rs.getString("action")), RuleMode.valueOf(rs.getString("mode")), rs.getBoolean("enabled"),
                rs.getInt("score"), rs.getString("reason"), rs.getString("created_by"), Db.instant(rs, "created_at"), null);
    }
}
