package io.telepay.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.telepay.risk.rules.CompiledRule;
import io.telepay.risk.rules.Feature;
import io.telepay.risk.rules.FeatureCatalog;
import io.telepay.risk.rules.FeatureValues;
import io.telepay.risk.rules.Scoring;
import io.telepay.risk.rules.ValueType;
import org.junit.jupiter.api.Test;

/**
 * Every rule of the default set, as the migration seeds it, with a case it must catch and one it must
 * leave alone. The leave-alone cases sit just under each threshold, so a loosened rule fails here.
 */
class DefaultRulesTest {

    private static final Pattern ROW = Pattern.compile(
            "^\\('(rul_[a-z_]+)', 1, '((?:[^']|'')*)', '((?:[^']|'')*)', '(\\w+)', '(\\w+)', (true|false), (\\d+), '((?:[^']|'')*)'");

    static Map<String, CompiledRule> seeded() throws IOException {
        Map<String, CompiledRule> rules = new LinkedHashMap<>();
        for (String migration : List.of("db/migration/V141__risk_default_rules.sql", "db/migration/V163__risk_staff_trace_rules.sql")) {
          try (InputStream in = DefaultRulesTest.class.getClassLoader().getResourceAsStream(migration)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                Matcher m = ROW.matcher(line);
                if (m.find()) {
                    RuleView view = new RuleView(m.group(1), 1, m.group(2).replace("''", "'"), m.group(3).replace("''", "'"),
                            RiskAction.valueOf(m.group(4)), RuleMode.valueOf(m.group(5)), Boolean.parseBoolean(m.group(6)),
                            Integer.parseInt(m.group(7)), m.group(8).replace("''", "'"), "system", Instant.EPOCH, null);
                    rules.put(view.id(), RuleSetCache.compile(view));
                }
            }
          }
        }
        return rules;
    }

    /** An ordinary repeat purchase: one card, one customer, daytime, usual amount, a seasoned agent. */
    static FeatureValues ordinary() {
        FeatureValues v = new FeatureValues(FeatureCatalog.standard(), "TWD");
        for (Feature f : FeatureCatalog.standard().all()) {
            if (f.type() == ValueType.NUMBER) {
                v.set(f.name(), f.name().contains(".attempts.") || f.name().contains(".distinct") ? 1 : 0);
            } else if (f.type() == ValueType.BOOLEAN) {
                v.set(f.name(), false);
            } else if (f.type() == ValueType.MONEY) {
                v.set(f.name(), 1000);
            }
        }
        v.set("amount", 1000).set("hour", 14).set("channel", "LINK").set("card.binCountry", "TW").set("customer.country", "TW")
                .set("card.holderNameSimilarity", 1).set("customer.priorPayments", 5).set("amount.customerRatio", 1)
                .set("product.priorPayments", 20).set("amount.productRatio", 1).set("agent.tenureDays", 365)
                .set("agent.cardsToday", 4).set("agent.teamMedianCardsToday", 4);
        return v;
    }

    private record Case(String rule, Consumer<FeatureValues> catches, Consumer<FeatureValues> leavesAlone) {
    }

    private static final List<Case> CASES = List.of(
            new Case("rul_card_many_customers", v -> v.set("card.distinctCustomers.24h", 3), v -> v.set("card.distinctCustomers.24h", 2)),
            new Case("rul_card_customers_week", v -> v.set("card.distinctCustomers.7d", 2).set("card.distinctAgents.7d", 2),
                    v -> v.set("card.distinctCustomers.7d", 2).set("card.distinctAgents.7d", 1)),
            new Case("rul_card_many_agents", v -> v.set("card.distinctAgents.7d", 3), v -> v.set("card.distinctAgents.7d", 2)),
            new Case("rul_card_declines", v -> v.set("card.declines.1h", 3), v -> v.set("card.declines.1h", 2).set("card.declines.24h", 5)),
            new Case("rul_card_velocity", v -> v.set("card.attempts.10m", 4), v -> v.set("card.attempts.10m", 3).set("card.attempts.1h", 6)),
            new Case("rul_ip_card_testing", v -> v.set("ip.distinctCards.1h", 6).set("ip.declineRatio.1h", 0.67),
                    v -> v.set("ip.distinctCards.1h", 6).set("ip.declineRatio.1h", 0.1)),
            new Case("rul_device_many_cards", v -> v.set("device.distinctCards.24h", 4), v -> v.set("device.distinctCards.24h", 3)),
            new Case("rul_small_probe", v -> v.set("card.firstSeen", true).set("amount.productRatio", 0.01).set("ip.attempts.1h", 5),
                    v -> v.set("card.firstSeen", true).set("amount.productRatio", 0.01).set("ip.attempts.1h", 1)),
            new Case("rul_customer_many_cards", v -> v.set("customer.distinctCards.24h", 3), v -> v.set("customer.distinctCards.24h", 2)),
            new Case("rul_phone_many_cards", v -> v.set("phone.distinctCards.7d", 4), v -> v.set("phone.distinctCards.7d", 3)),
            new Case("rul_shared_phone", v -> v.set("phone.distinctCustomers.7d", 3), v -> v.set("phone.distinctCustomers.7d", 2)),
            new Case("rul_sent_to_other", v -> v.set("session.sentToOther", true), v -> v.set("session.sentToOther", false)),
            new Case("rul_sent_to_shared", v -> v.set("sentTo.distinctCustomers.7d", 3), v -> v.set("sentTo.distinctCustomers.7d", 1)),
            new Case("rul_agent_harvesting", v -> v.set("agent.cardsToday", 14).set("agent.teamMedianCardsToday", 4),
                    v -> v.set("agent.cardsToday", 12).set("agent.teamMedianCardsToday", 10)),
            new Case("rul_new_agent_intake", v -> v.set("agent.tenureDays", 6).set("agent.distinctCards.24h", 15),
                    v -> v.set("agent.tenureDays", 400).set("agent.distinctCards.24h", 15)),
            new Case("rul_agent_fraud", v -> v.set("agent.fraudLabels", 1), v -> v.set("agent.fraudLabels", 0)),
            new Case("rul_card_fraud", v -> v.set("card.fraudLabels", 2), v -> v.set("card.fraudLabels", 0)),
            new Case("rul_customer_fraud", v -> v.set("phone.fraudLabels", 1), v -> v.set("customer.fraudLabels", 0)),
            new Case("rul_bin_country", v -> v.set("card.binCountryMismatch", true).set("card.firstSeen", true).set("amount.productRatio", 2),
                    v -> v.set("card.binCountryMismatch", true).set("card.firstSeen", false).set("amount.productRatio", 2)),
            new Case("rul_night_large_new_card", v -> v.set("amount", 25_000).set("card.firstSeen", true).set("hour", 3),
                    v -> v.set("amount", 25_000).set("card.firstSeen", true).set("hour", 9)),
            new Case("rul_unusual_amount", v -> v.set("customer.priorPayments", 4).set("amount.customerRatio", 6),
                    v -> v.set("customer.priorPayments", 1).set("amount.customerRatio", 6)),
            new Case("rul_holder_name", v -> v.set("card.holderNameMismatch", true).set("card.firstSeen", true),
                    v -> v.set("card.holderNameMismatch", false).set("card.firstSeen", true)),
            new Case("rul_unfinished_sessions", v -> v.set("agent.sessionsUnfinished.24h", 12), v -> v.set("agent.sessionsUnfinished.24h", 9)),
            new Case("rul_quick_refunds", v -> v.set("agent.quickRefunds.7d", 3), v -> v.set("agent.quickRefunds.7d", 2)),
            new Case("rul_email_velocity", v -> v.set("email.attempts.1h", 6), v -> v.set("email.attempts.1h", 5)),
            new Case("rul_pay_page_staff_device", v -> v.set("payPage.staffDevice", true).set("payPage.staff", "usr_a"),
                    v -> v.set("payPage.staffNetwork", true).set("payPage.staff", "usr_a")),
            new Case("rul_pay_page_staff_network", v -> v.set("payPage.staffNetwork", true).set("payPage.staff", "usr_a"),
                    v -> v.set("payPage.staffNetwork", true).set("payPage.staffAddress", true)),
            new Case("rul_phone_changed_before_link", v -> v.set("session.phoneChangedBeforeLink", true)
                            .set("session.phoneChangedBy", "usr_a").set("session.phoneChangedMinutesBeforeLink", 3),
                    v -> v.set("session.phoneChangedBeforeLink", false).set("session.phoneChangedMinutesBeforeLink", 3000)));

    @Test
    void theSetHasBetween15And30RulesEachWithACase() throws IOException {
        Map<String, CompiledRule> rules = seeded();
        assertThat(rules).hasSizeBetween(15, 30);
        assertThat(CASES).extracting(Case::rule).containsExactlyInAnyOrderElementsOf(rules.keySet());
    }

    @Test
    void eachRuleCatchesItsCaseAndLeavesTheOrdinaryAlone() throws IOException {
        Map<String, CompiledRule> rules = seeded();
        for (Case c : CASES) {
            CompiledRule rule = rules.get(c.rule());
            FeatureValues bad = ordinary();
            c.catches().accept(bad);
            FeatureValues fine = ordinary();
            c.leavesAlone().accept(fine);
            assertThat(rule.expression().matches(bad)).as(c.rule() + " must catch its case").isTrue();
            assertThat(rule.expression().matches(fine)).as(c.rule() + " must leave its near miss alone").isFalse();
            assertThat(rule.expression().matches(ordinary())).as(c.rule() + " must leave an ordinary purchase alone").isFalse();
            assertThat(rule.explain(bad)).doesNotContain("{").isNotBlank();
        }
    }

    @Test
    void reasonsReadAsSentences() throws IOException {
        CompiledRule rule = seeded().get("rul_card_many_customers");
        assertThat(rule.explain(ordinary().set("card.distinctCustomers.24h", 3))).isEqualTo("card used by 3 customers in 24 h");
        CompiledRule night = seeded().get("rul_night_large_new_card");
        assertThat(night.explain(ordinary().set("amount", 25_000).set("hour", 3))).isEqualTo("new card, 25000 TWD at 3 o'clock");
    }

    @Test
    void scoringTakesTheMostSevereActiveActionAndIgnoresShadow() throws IOException {
        Map<String, CompiledRule> rules = seeded();
        FeatureValues v = ordinary().set("card.distinctCustomers.24h", 3).set("session.sentToOther", true).set("email.attempts.1h", 9);
        Scoring.Verdict verdict = Scoring.evaluate(List.copyOf(rules.values()), v);
        assertThat(verdict.action()).isEqualTo(RiskAction.BLOCK);
        // 1 - (1 - .90)(1 - .45) = .945; the shadow e-mail rule matched but adds nothing
        assertThat(verdict.score()).isEqualTo(95);
        assertThat(verdict.reasons()).containsExactly("card used by 3 customers in 24 h",
                "the pay link went to a phone or e-mail that is not the customer's");
        assertThat(verdict.results()).filteredOn(r -> r.ruleId().equals("rul_email_velocity")).singleElement()
                .satisfies(r -> assertThat(r.matched()).isTrue());
        assertThat(Scoring.evaluate(List.copyOf(rules.values()), ordinary()).action()).isEqualTo(RiskAction.ALLOW);
        assertThat(Scoring.evaluate(List.copyOf(rules.values()), ordinary()).score()).isZero();
    }
}
