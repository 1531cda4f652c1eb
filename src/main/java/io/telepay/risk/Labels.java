package io.telepay.risk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.telepay.audit.AuditTrail;
import io.telepay.risk.features.Attempt;
import io.telepay.risk.features.Attempts;
import io.telepay.risk.features.FeatureQueries;
import io.telepay.risk.rules.CompiledRule;
import io.telepay.risk.rules.FeatureValues;
import io.telepay.risk.rules.Scoring;
import io.telepay.risk.rules.Scoring;
import io.telepay.shared.Db;
import org.springframework.jdbc.core.simple.JdbcClient;
import io.telepay.outbox.OutboxListener;
import org.springframework.stereotype.Component;

/**
 * Late labels. A FRAUD outcome (an alert resolved as FRAUD, a consumer's fraud report, a chargeback)
 * labels the card, agent, customer and phone it names; features count those labels from then on. What
 * links to them (the customers a card paid for, the other cards of those customers, their phones, the
 * agent) is labelled LINKED with the path that links it, re-scored now with the same rules, and gets
 * an alert showing the path; open alerts on it show the path too, and so do alerts raised on it later.
 */
@Component
class Labels {

    static final int MAX_LINKED = 50;

    private final JdbcClient jdbc;
    private final Attempts attempts;
    private final FeatureQueries features;
    private final RuleSetCache ruleSets;
    private final RiskAlerts alerts;
    private final AuditTrail audit;
    private final Clock clock;

    Labels(JdbcClient jdbc, Attempts attempts, FeatureQueries features, RuleSetCache ruleSets, RiskAlerts alerts,
           AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.attempts = attempts;
        this.features = features;
        this.ruleSets = ruleSets;
        this.alerts = alerts;
        this.audit = audit;
        this.clock = clock;
    }

    /** A consumer's fraud report (trust) or another module's fraud label. Idempotent. */
    @OutboxListener
    void on(FraudLabel label) {
        fraud(label.cardFingerprint(), label.agentId(), label.customerId(), label.paymentId(), label.labelSource());
    }

    /** An analyst resolved an alert as FRAUD: its subject is labelled. */
    void alertFraud(AlertView alert) {
        String source = "alert " + alert.id() + " (" + alert.signal().name() + ") resolved as FRAUD";
        switch (alert.subject().kind()) {
            // the verdict is on the subject: the agent who took a stolen card is not labelled by it
            case CARD -> fraud(alert.subject().id(), null, null, null, source);
            case AGENT -> fraud(null, alert.subject().id(), null, null, source);
            case CUSTOMER -> fraud(null, null, alert.subject().id(), null, source);
            case PHONE -> {
                label(AlertSubject.PHONE, alert.subject().id(), "FRAUD", source, null);
                relink(List.of(new Node(AlertSubject.PHONE, alert.subject().id())), source);
            }
            case IP -> label(AlertSubject.IP, alert.subject().id(), "FRAUD", source, null);
        }
    }

    /** An analyst resolved an alert as LEGITIMATE: its subject is labelled so (backtests count it), nothing relinks. */
    void alertLegitimate(AlertView alert) {
        label(alert.subject().kind(), alert.subject().id(), "LEGITIMATE", "alert " + alert.id() + " (" + alert.signal().name()
                + ") resolved as LEGITIMATE", null);
    }

    /** Labels what a FRAUD outcome names (any may be null; a payment fills the others in) and relinks. */
    void fraud(String cardFingerprint, String agentId, String customerId, String paymentId, String source) {
        Optional<Attempt> attempt = paymentId == null ? Optional.empty() : attempts.find(paymentId);
        String card = cardFingerprint != null ? cardFingerprint : attempt.map(Attempt::cardFingerprint).orElse(null);
        String agent = agentId != null ? agentId : attempt.map(Attempt::agentId).orElse(null);
        String customer = customerId != null ? customerId : attempt.map(Attempt::customerId).orElse(null);
        String phone = attempt.map(Attempt::phone).orElse(null);
        List<Node> labelled = new ArrayList<>();
        if (card != null) {
            labelled.add(new Node(AlertSubject.CARD, card));
        }
        if (customer != null) {
            labelled.add(new Node(AlertSubject.CUSTOMER, customer));
        }
        if (phone != null) {
            labelled.add(new Node(AlertSubject.PHONE, phone));
        }
        if (agent != null) {
            labelled.add(new Node(AlertSubject.AGENT, agent));
        }
        if (labelled.isEmpty()) {
            return;
        }
        boolean fresh = false;
        for (Node node : labelled) {
            fresh |= label(node.kind(), node.id(), "FRAUD", source, null);
        }
        if (!fresh) {
            return; // a redelivered event: done the first time
        }
        audit.record("risk.labelled", labelled.getFirst().id(), Map.of("source", source, "subjects", String.valueOf(labelled.size())));
        if (agent != null) {
            alerts.raise(new RiskAlerts.Raise(AlertSignal.AGENT_CARDS_FRAUD, AlertSubject.AGENT, agent,
                    "FRAUD: " + source + (card == null ? "" : " on card " + shortId(AlertSubject.CARD, card))
                            + (paymentId == null ? "" : " (payment " + paymentId + ")"), agent, paymentId), false);
        }
        relink(labelled, source);
    }

    private record Node(AlertSubject kind, String id) {
    }

    /**
     * Walks one step out from each labelled node and one more from the customers found (their other cards
     * and phones), labels what it reaches LINKED with the path, re-scores and alerts.
     */
    private void relink(List<Node> labelled, String source) {
        Map<Node, String> paths = new LinkedHashMap<>();
        for (Node root : labelled) {
            String rootPath = describe(root) + " labelled FRAUD (" + source + ")";
            for (Node near : neighbours(root)) {
                paths.putIfAbsent(near, rootPath + " → " + describe(near));
                if (near.kind() == AlertSubject.CUSTOMER) {
                    for (Node far : neighbours(near)) {
                        paths.putIfAbsent(far, rootPath + " → " + describe(near) + " → " + describe(far));
                    }
                }
            }
        }
        labelled.forEach(paths::remove);
        int done = 0;
        for (Map.Entry<Node, String> link : paths.entrySet()) {
            if (done++ >= MAX_LINKED) {
                break;
            }
            Node node = link.getKey();
            String path = link.getValue();
            label(node.kind(), node.id(), "LINKED", source, path);
            jdbc.sql("update risk_alert set path = :path where subject_kind = :kind and subject = :id and status = 'OPEN' and path is null")
                    .param("path", path).param("kind", node.kind().name()).param("id", node.id()).update();
            String rescore = rescore(node);
            String agent = node.kind() == AlertSubject.AGENT ? node.id() : latestAgent(node);
            alerts.raise(new RiskAlerts.Raise(AlertSignal.LINKED_TO_FRAUD, node.kind(), node.id(),
                    "linked to fraud: " + path + (rescore == null ? "" : "; re-scored " + rescore), agent, null, path, null), false);
        }
    }

    /** The node's latest attempt decided again as of now (labels included), in words; null when it has none. */
    private String rescore(Node node) {
        String column = switch (node.kind()) {
            case CARD -> "card_fp";
            case CUSTOMER -> "customer_id";
            case PHONE -> "phone";
            case AGENT -> "agent_id";
            case IP -> "ip";
        };
        Optional<Attempt> latest = jdbc.sql("select * from risk_attempt where " + column + " = :id order by at desc limit 1")
                .param("id", node.id()).query((rs, row) -> attempts.find(rs.getString("payment_id")).orElseThrow()).optional();
        if (latest.isEmpty()) {
            return null;
        }
        Instant now = clock.instant();
        FeatureValues values = features.compute(latest.get(), now.isAfter(latest.get().at()) ? now : latest.get().at());
        Scoring.Verdict verdict = Scoring.evaluate(ruleSets.current().rules().stream()
                .map(r -> new CompiledRule(r.id(), r.version(), r.name(), r.action(), RuleMode.ACTIVE, r.score(), r.reason(),
                        r.expression())).toList(), values);
        // shadow rules count here: a re-score is advice for the analyst, not a decision on money
        return verdict.score() + " (" + verdict.action() + (verdict.reasons().isEmpty() ? "" : ": " + String.join("; ", verdict.reasons()))
                + ") on payment " + latest.get().paymentId();
    }

    private List<Node> neighbours(Node node) {
        String sql = switch (node.kind()) {
            case CARD -> "select distinct 'CUSTOMER' as kind, customer_id as id from risk_attempt where card_fp = :id and customer_id is not null"
                    + " union select distinct 'AGENT', agent_id from risk_attempt where card_fp = :id and agent_id is not null";
            case CUSTOMER -> "select distinct 'CARD' as kind, card_fp as id from risk_attempt where customer_id = :id and card_fp is not null"
                    + " union select distinct 'PHONE', phone from risk_attempt where customer_id = :id and phone is not null";
            case PHONE -> "select distinct 'CUSTOMER' as kind, customer_id as id from risk_attempt where phone = :id and customer_id is not null";
            // an agent's other customers are not suspects by association: the agent is re-scored, not their customers
            case AGENT, IP -> null;
        };
        if (sql == null) {
            return List.of();
        }
        return jdbc.sql(sql).param("id", node.id())
                .query((rs, row) -> new Node(AlertSubject.valueOf(rs.getString("kind").strip()), rs.getString("id"))).list()
                .stream().limit(MAX_LINKED).toList();
    }

    private String latestAgent(Node node) {
        String column = switch (node.kind()) {
            case CARD -> "card_fp";
            case CUSTOMER -> "customer_id";
            case PHONE -> "phone";
            default -> null;
        };
        if (column == null) {
            return null;
        }
        return jdbc.sql("select agent_id from risk_attempt where " + column + " = :id and agent_id is not null order by at desc limit 1")
                .param("id", node.id()).query(String.class).optional().orElse(null);
    }

    /** Writes a label once (same subject, outcome and source); true when it is new. */
    private boolean label(AlertSubject kind, String item, String outcome, String source, String path) {
        String id = "lbl_" + sha256(kind + "|" + item + "|" + outcome + "|" + source).substring(0, 32);
        return jdbc.sql("""
                insert into risk_label (id, kind, item, outcome, source, path, at) values (:id, :kind, :item, :outcome, :source, :path, :at)
                on conflict do nothing""")
                .param("id", id).param("kind", kind.name()).param("item", item).param("outcome", outcome)
                .param("source", source.length() > 500 ? source.substring(0, 500) : source)
                .param("path", path == null || path.length() <= 1000 ? path : path.substring(0, 1000)).param("at", Db.ts(clock.instant()))
                .update() == 1;
    }

    private static String describe(Node node) {
        return node.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + shortId(node.kind(), node.id());
    }

    private static String shortId(AlertSubject kind, String id) {
        return kind == AlertSubject.CARD && id.length() > 12 ? id.substring(0, 12) + "…" : id;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
