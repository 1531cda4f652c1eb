package io.telepay.risk;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.telepay.identity.StaffUser;
import io.telepay.risk.rules.CompiledRule;
import io.telepay.risk.RuleSetCache.RuleSet;
import io.telepay.risk.features.Attempt;
import io.telepay.risk.features.Attempts;
import io.telepay.risk.features.BinTable;
import io.telepay.risk.features.FeatureQueries;
import io.telepay.risk.features.NameSimilarity;
import io.telepay.risk.features.StaffLookups;
import io.telepay.risk.rules.FeatureValues;
import io.telepay.risk.rules.Scoring;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Screens a payment attempt: records it, computes its features over risk's tables, runs the rule set,
 * applies the block and allow lists first, and stores the decision with the rule versions, the feature
 * values (the fraud models' scores and versions among them) and a hash of both. Runs inside the payment's transaction (the attempt, the decision and the
 * payment commit together); a listed card, phone, e-mail or address on a block list declines whatever
 * the rules say, an allow-list entry lets the payment through.
 */
@Service
public class RiskEngine {

    private final RiskLists lists;
    private final RuleSetCache ruleSets;
    private final Attempts attempts;
    private final FeatureQueries features;
    private final BinTable bins;
    private final RiskDecisions decisions;
    private final StaffLookups staff;
    private final AttemptSignals signals;
    private final FraudScores fraudScores;
    private final Clock clock;

    RiskEngine(RiskLists lists, RuleSetCache ruleSets, Attempts attempts, FeatureQueries features, BinTable bins,
               RiskDecisions decisions, StaffLookups staff, AttemptSignals signals, FraudScores fraudScores, Clock clock) {
        this.lists = lists;
        this.ruleSets = ruleSets;
        this.attempts = attempts;
        this.features = features;
        this.bins = bins;
        this.decisions = decisions;
        this.staff = staff;
        this.signals = signals;
        this.fraudScores = fraudScores;
        this.clock = clock;
    }

    /** The decision for the attempt; runs inside the payment's transaction. */
    @Transactional
    public RiskDecision assess(RiskSubject subject) {
        Attempt attempt = attempt(subject);
        attempts.record(attempt);
        FeatureValues values = features.compute(attempt);
        RuleSet ruleSet = ruleSets.current();
        // the model's score and version join the features before the rules run: stored, hashed and replayed with them
        fraudScores.fill(values, ruleSet.version());
        Scoring.Verdict verdict = Scoring.evaluate(ruleSet.rules(), values);
        RiskDecision decision = applyLists(subject, new RiskDecision(verdict.action(), verdict.score(), verdict.reasons()));
        attempts.decided(subject.paymentId(), decision.action(), attempt.at());
        Map<String, String> names = new HashMap<>();
        for (CompiledRule rule : ruleSet.rules()) {
            names.put(rule.id(), rule.name());
        }
        decisions.store(new RiskDecisions.Stored(subject.paymentId(), attempt.at(), decision, ruleSet.version(), verdict.results(),
                values.asMap(), subject.agentId(), attempt.team()), names);
        signals.onAttempt(attempt, values, decision);
        return decision;
    }

    /**
     * The checks that need no card, for a pay link on a payment platform's own page (the card never reaches
     * Telepay before it is charged): the customer's phone and e-mail against the block lists. The reasons of
     * the blocking entries, empty when nothing blocks; the card's checks run when the platform reports it.
     */
    @Transactional(readOnly = true)
    public List<String> blocksBeforeCard(String customerPhone, String customerEmail) {
        Map<ListKind, String> values = new EnumMap<>(ListKind.class);
        values.put(ListKind.PHONE, customerPhone);
        values.put(ListKind.EMAIL, lower(customerEmail));
        return lists.matching(values).stream().filter(e -> e.action() == RiskAction.BLOCK).map(RiskEngine::describe).toList();
    }

    private Attempt attempt(RiskSubject s) {
        StaffUser agent = s.agentId() == null ? null : staff.user(s.agentId());
        String team = agent == null ? null : agent.team();
        String email = lower(s.customerEmail());
        String sentTo = s.sentTo() == null ? null : s.sentTo().contains("@") ? lower(s.sentTo()) : s.sentTo();
        boolean sentToOther = sentTo != null && !sentTo.equals(s.customerPhone()) && !sentTo.equals(email);
        Instant at = s.at() == null ? clock.instant() : s.at();
        return new Attempt(s.paymentId(), s.orderId(), at, s.customerId(), s.agentId(), team,
                s.cardFingerprint(), s.cardBin(), bins.country(s.cardBin()), upper(s.customerCountry()), s.customerPhone(), email,
                lower(s.clientIp()), s.deviceId(), sentTo, sentToOther, s.productSku(), s.channel(), s.amount().currencyCode(),
                s.amount().minorUnits(), NameSimilarity.of(s.holderName(), s.customerName()));
    }

    private RiskDecision applyLists(RiskSubject subject, RiskDecision rules) {
        Map<ListKind, String> values = new EnumMap<>(ListKind.class);
        values.put(ListKind.CARD, subject.cardFingerprint());
        values.put(ListKind.PHONE, subject.customerPhone());
        values.put(ListKind.EMAIL, lower(subject.customerEmail()));
        values.put(ListKind.IP, lower(subject.clientIp()));
        List<ListEntry> hits = lists.matching(values);
        if (hits.isEmpty()) {
            return rules;
        }
        List<ListEntry> blocks = hits.stream().filter(e -> e.action() == RiskAction.BLOCK).toList();
        List<String> reasons = new ArrayList<>();
        (blocks.isEmpty() ? hits : blocks).forEach(entry -> reasons.add(describe(entry)));
        reasons.addAll(rules.reasons());
        if (!blocks.isEmpty()) {
            return new RiskDecision(RiskAction.BLOCK, 100, reasons);
        }
        return new RiskDecision(RiskAction.ALLOW, rules.score(), reasons);
    }

    private static String lower(String value) {
        return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
    }

    private static String upper(String value) {
        return value == null ? null : value.strip().toUpperCase(Locale.ROOT);
    }

    private static String describe(ListEntry entry) {
        String what = switch (entry.kind()) {
            case CARD -> "card";
            case PHONE -> "customer phone";
            case EMAIL -> "customer e-mail";
            case IP -> "client address";
        };
        return what + " is on the " + entry.action().name().toLowerCase(Locale.ROOT) + " list: " + entry.reason();
    }
}
