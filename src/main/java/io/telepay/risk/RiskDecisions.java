package io.telepay.risk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.telepay.risk.rules.CompiledRule;
import io.telepay.risk.rules.Scoring.RuleResult;
import io.telepay.risk.rules.FeatureCatalog;
import io.telepay.risk.rules.FeatureValues;
import io.telepay.risk.rules.Scoring;
import io.telepay.shared.Actor;
import io.telepay.shared.Actors;
import io.telepay.shared.Db;
import io.telepay.shared.Money;
import io.telepay.shared.NotFound;
import io.telepay.shared.Role;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Every decision the engine made, stored so an analyst can see why and replay it exactly. */
@Service
public class RiskDecisions {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    RiskDecisions(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    record Stored(String paymentId, Instant at, RiskDecision decision, long ruleSetVersion, List<RuleResult> results,
                  Map<String, Object> features, String agentId, String team) {
    }

    void store(Stored d, Map<String, String> ruleNames) {
        List<Map<String, Object>> rules = rulesJson(d.results(), ruleNames);
        String rulesText = JSON.writeValueAsString(rules);
        String featuresText = JSON.writeValueAsString(d.features());
        jdbc.sql("""
                insert into risk_decision (payment_id, at, action, score, reasons, rule_set_version, matched, features, hash, agent_id, team)
                values (:id, :at, :action, :score, :reasons, :version, :matched, :features, :hash, :agent, :team)""")
                .param("id", d.paymentId()).param("at", Db.ts(d.at())).param("action", d.decision().action().name())
                .param("score", d.decision().score()).param("reasons", JSON.writeValueAsString(d.decision().reasons()))
                .param("version", d.ruleSetVersion()).param("matched", rulesText).param("features", featuresText)
                .param("hash", hash(d.ruleSetVersion(), rulesText, featuresText)).param("agent", d.agentId()).param("team", d.team())
                .update();
        // the matched rules in one round trip
        List<Object[]> hits = d.results().stream().filter(RuleResult::matched)
                .map(r -> new Object[] {d.paymentId(), r.ruleId(), r.version(), r.mode().name(), Db.ts(d.at())}).toList();
        if (!hits.isEmpty()) {
            batch.batchUpdate("insert into risk_decision_rule (payment_id, rule_id, version, mode, at) values (?, ?, ?, ?, ?)", hits);
        }
    }

    /**
     * The decision on a payment, with a replay. RISK_ANALYST and ADMIN see every decision, a SUPERVISOR
     * those on their team's sales; anything else is not found.
     */
    public DecisionView get(String paymentId) {
        Actor actor = Actors.current();
        return jdbc.sql("select * from risk_decision where payment_id = :id").param("id", paymentId)
                .query((rs, row) -> {
                    if (actor.is(Role.SUPERVISOR) && (actor.team() == null || !actor.team().equals(rs.getString("team")))) {
                        return null;
                    }
                    String matched = rs.getString("matched");
                    String features = rs.getString("features");
                    long version = rs.getLong("rule_set_version");
                    List<Map<String, Object>> rules = JSON.readValue(matched, new TypeReference<>() {
                    });
                    Map<String, Object> featureMap = JSON.readValue(features, new TypeReference<LinkedHashMap<String, Object>>() {
                    });
                    List<DecisionView.RuleHit> hits = rules.stream().map(r -> new DecisionView.RuleHit((String) r.get("ruleId"),
                            ((Number) r.get("version")).intValue(), (String) r.get("name"), RuleMode.valueOf((String) r.get("mode")),
                            RiskAction.valueOf((String) r.get("action")), ((Number) r.get("score")).intValue(),
                            Boolean.TRUE.equals(r.get("matched")), (String) r.get("reason"))).toList();
                    RiskAction action = RiskAction.valueOf(rs.getString("action"));
                    String hash = rs.getString("hash");
                    return new DecisionView(rs.getString("payment_id"), Db.instant(rs, "at"), action, rs.getInt("score"),
                            JSON.readValue(rs.getString("reasons"), new TypeReference<List<String>>() {
                            }), version, hits, featureMap, hash, rs.getString("agent_id"),
                            replay(hits, featureMap, hash.equals(hash(version, matched, features))));
                }).optional().filter(java.util.Objects::nonNull).orElseThrow(() -> new NotFound("risk decision", paymentId));
    }

    /**
     * Whether risk held a payment with its agent or card tied to fraud: its decision counted FRAUD labels on
     * them. Such a hold is for risk analysts to release, not the agent's supervisor, who may be the one the
     * fraud runs through. Regardless of who asks (it guards a command); false for a payment with no decision.
     */
    public boolean tiedToFraud(String paymentId) {
        return jdbc.sql("select features from risk_decision where payment_id = :id").param("id", paymentId)
                .query(String.class).optional().map(features -> {
                    Map<String, Object> values = JSON.readValue(features, new TypeReference<Map<String, Object>>() {
                    });
                    return positive(values.get("agent.fraudLabels")) || positive(values.get("card.fraudLabels"));
                }).orElse(false);
    }

    /**
     * The attempts with this card that risk refused, newest first: evidence on an alert about the card. A
     * supervisor sees those on their team's sales only, like the decisions themselves.
     */
    public List<BlockedAttempt> blockedWithCard(String cardFingerprint, int limit) {
        Actor actor = Actors.current();
        String team = actor.is(Role.SUPERVISOR) ? (actor.team() == null ? "" : actor.team()) : null;
        return jdbc.sql("""
                        select a.payment_id, a.at, a.currency, a.amount_minor, a.agent_id, a.customer_id, d.reasons
                        from risk_attempt a left join risk_decision d on d.payment_id = a.payment_id
                        where a.card_fp = :card and a.action = 'BLOCK' and (cast(:team as varchar) is null or a.team = :team)
                        order by a.at desc, a.payment_id desc limit :limit""")
                .param("card", cardFingerprint).param("team", team).param("limit", Math.clamp(limit, 1, 200))
                .query((rs, row) -> {
                    String reasons = rs.getString("reasons");
                    return new BlockedAttempt(rs.getString("payment_id"), Db.instant(rs, "at"),
                            Money.ofMinor(rs.getLong("amount_minor"), Money.currency(rs.getString("currency"))),
                            rs.getString("agent_id"), rs.getString("customer_id"),
                            reasons == null ? List.of() : JSON.readValue(reasons, new TypeReference<List<String>>() {
                            }));
                }).list();
    }

    private static boolean positive(Object value) {
        return value instanceof Number number && number.doubleValue() >= 1;
    }

    /** What each feature counts, by name, in the catalog's order: for pages that show a decision's values. */
    public Map<String, String> featureDescriptions() {
        Map<String, String> descriptions = new LinkedHashMap<>();
        FeatureCatalog.standard().all().forEach(feature -> descriptions.put(feature.name(), feature.description()));
        return descriptions;
    }

    /** The subjects features are counted for ("card", "customer", …), in the catalog's order. */
    public List<String> featureSubjects() {
        return FeatureCatalog.SUBJECTS;
    }

    /** The stored rule versions run again on the stored features. */
    private DecisionView.Replay replay(List<DecisionView.RuleHit> hits, Map<String, Object> features, boolean hashVerified) {
        // every version of the rules it ran, in one read; the stored ones picked out
        Map<String, RuleView> versions = new HashMap<>();
        if (!hits.isEmpty()) {
            jdbc.sql("select * from risk_rule where rule_id in (:ids)")
                    .param("ids", hits.stream().map(DecisionView.RuleHit::ruleId).toList()).query(RiskRules::map).list().forEach(rule -> versions.put(rule.id() + "@" + rule.version(), rule));
        }
        List<CompiledRule> rules = new ArrayList<>();
        for (DecisionView.RuleHit hit : hits) {
            RuleView version = versions.get(hit.ruleId() + "@" + hit.version());
            if (version == null) {
                return null;
            }
            rules.add(RuleSetCache.compile(version));
        }
        FeatureValues values = FeatureValues.fromMap(FeatureCatalog.standard(), features);
        Scoring.Verdict verdict = Scoring.evaluate(rules, values);
        boolean same = true;
        for (int i = 0; i < hits.size(); i++) {
            same &= verdict.results().get(i).matched() == hits.get(i).matched();
        }
        return new DecisionView.Replay(verdict.action(), verdict.score(), same, hashVerified);
    }

    private static List<Map<String, Object>> rulesJson(List<RuleResult> results, Map<String, String> names) {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (RuleResult r : results) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("ruleId", r.ruleId());
            rule.put("version", r.version());
            rule.put("name", names.get(r.ruleId()));
            rule.put("mode", r.mode().name());
            rule.put("action", r.action().name());
            rule.put("score", r.score());
            rule.put("matched", r.matched());
            rule.put("reason", r.reason());
            rules.add(rule);
        }
        return rules;
    }

    static String hash(long ruleSetVersion, String rules, String features) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(Long.toString(ruleSetVersion).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
            digest.update(rules.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
            digest.update(features.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
