package io.telepay.risk.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telepay.risk.RuleSyntaxError;
import org.junit.jupiter.api.Test;

class RuleLanguageTest {

    private final FeatureCatalog catalog = FeatureCatalog.standard();

    private FeatureValues twd() {
        return new FeatureValues(catalog, "TWD");
    }

    private boolean matches(String expression, FeatureValues values) {
        return RuleLanguage.compile(expression, catalog).matches(values);
    }

    @Test
    void comparesAFeatureWithANumber() {
        FeatureValues values = twd().set("card.distinctCustomers.24h", 3);
        assertThat(matches("card.distinctCustomers.24h >= 3", values)).isTrue();
        assertThat(matches("card.distinctCustomers.24h > 3", values)).isFalse();
        assertThat(matches("card.distinctCustomers.24h == 3", values)).isTrue();
        assertThat(matches("card.distinctCustomers.24h != 3", values)).isFalse();
    }

    @Test
    void combinesMoneyBooleansAndRanges() {
        String rule = "amount > 20000 TWD and card.firstSeen and hour in 0..5";
        assertThat(matches(rule, twd().set("amount", 25_000).set("card.firstSeen", true).set("hour", 3))).isTrue();
        assertThat(matches(rule, twd().set("amount", 25_000).set("card.firstSeen", true).set("hour", 6))).isFalse();
        assertThat(matches(rule, twd().set("amount", 25_000).set("card.firstSeen", false).set("hour", 3))).isFalse();
        assertThat(matches(rule, twd().set("amount", 19_999.99).set("card.firstSeen", true).set("hour", 0))).isFalse();
    }

    @Test
    void amountsInAnotherCurrencyNeverMatchALiteralThreshold() {
        FeatureValues yen = new FeatureValues(catalog, "JPY").set("amount", 1_000_000);
        assertThat(matches("amount > 20000 TWD", yen)).isFalse();
        assertThat(matches("amount != 20000 TWD", yen)).isFalse();
        assertThat(matches("amount > 20000 JPY", yen)).isTrue();
    }

    @Test
    void arithmeticBetweenFeatures() {
        String rule = "agent.cardsToday > 3 * agent.teamMedianCardsToday";
        assertThat(matches(rule, twd().set("agent.cardsToday", 13).set("agent.teamMedianCardsToday", 4))).isTrue();
        assertThat(matches(rule, twd().set("agent.cardsToday", 12).set("agent.teamMedianCardsToday", 4))).isFalse();
        assertThat(matches("amount > 2 * customer.averageAmount",
                twd().set("amount", 500).set("customer.averageAmount", 200))).isTrue();
        assertThat(matches("amount / customer.averageAmount > 2",
                twd().set("amount", 500).set("customer.averageAmount", 200))).isTrue();
        assertThat(matches("amount - 100 TWD >= 400 TWD", twd().set("amount", 500))).isTrue();
        assertThat(matches("-hour < -3 + 1", twd().set("hour", 5))).isTrue();
        assertThat(matches("(1 + 2) * 3 == 9 and 1 + 2 * 3 == 7", twd())).isTrue();
    }

    @Test
    void precedenceOfAndOverOrAndNot() {
        FeatureValues values = twd().set("card.firstSeen", true).set("hour", 12);
        assertThat(matches("card.firstSeen or hour < 3 and hour > 20", values)).isTrue();
        assertThat(matches("(card.firstSeen or hour < 3) and hour > 20", values)).isFalse();
        assertThat(matches("not card.firstSeen or hour == 12", values)).isTrue();
        assertThat(matches("not (card.firstSeen and hour == 12)", values)).isFalse();
    }

    @Test
    void listsOfTextsAndNumbers() {
        FeatureValues values = twd().set("card.binCountry", "NG").set("hour", 4).set("channel", "LINK");
        assertThat(matches("card.binCountry in [\"NG\", 'GH']", values)).isTrue();
        assertThat(matches("card.binCountry not in ['TW', 'JP']", values)).isTrue();
        assertThat(matches("hour in [1, 2, 3]", values)).isFalse();
        assertThat(matches("hour not in 8..20", values)).isTrue();
        assertThat(matches("channel == 'link'", values)).isTrue();
    }

    @Test
    void unknownValuesMatchNothing() {
        FeatureValues unknown = twd();
        assertThat(matches("customer.averageAmount < 100 TWD", unknown)).isFalse();
        assertThat(matches("card.binCountry != customer.country", unknown)).isFalse();
        assertThat(matches("card.binCountry not in ['TW']", unknown)).isFalse();
        assertThat(matches("amount.customerRatio >= 0", unknown)).isFalse();
    }

    @Test
    void syntaxErrorsNameTheColumn() {
        assertThatThrownBy(() -> RuleLanguage.compile("card.attempts.1h >", catalog))
                .isInstanceOf(RuleSyntaxError.class)
                .hasMessageContaining("column 19: expected a number after '>'");
        assertThatThrownBy(() -> RuleLanguage.compile("amount > and hour < 3", catalog))
                .hasMessageContaining("column 10: expected a number after '>', found 'and'");
        assertThatThrownBy(() -> RuleLanguage.compile("(hour > 3", catalog))
                .hasMessageContaining("column 10: expected ')' to close the parenthesis opened at column 1");
        assertThatThrownBy(() -> RuleLanguage.compile("hour > 3 hour < 5", catalog))
                .hasMessageContaining("column 10: unexpected 'hour'");
        assertThatThrownBy(() -> RuleLanguage.compile("hour in 0..", catalog))
                .hasMessageContaining("column 12: expected the end of the range after '..'");
        assertThatThrownBy(() -> RuleLanguage.compile("hour in 3", catalog))
                .hasMessageContaining("expected '..' in the range");
        assertThatThrownBy(() -> RuleLanguage.compile("hour # 3", catalog))
                .hasMessageContaining("column 6: unexpected character '#'");
        assertThatThrownBy(() -> RuleLanguage.compile("card.binCountry == 'NG", catalog))
                .hasMessageContaining("column 20: text started with ' is never closed");
        assertThatThrownBy(() -> RuleLanguage.compile("amount > 100 XYZ", catalog))
                .hasMessageContaining("column 14: unknown currency XYZ");
        assertThatThrownBy(() -> RuleLanguage.compile("  ", catalog)).hasMessageContaining("the expression is empty");
        assertThatThrownBy(() -> RuleLanguage.compile("hour and", catalog))
                .hasMessageContaining("column 9: expected a condition after 'and'");
        assertThatThrownBy(() -> RuleLanguage.compile("hour in []", catalog)).hasMessageContaining("the list after 'in' is empty");
    }

    @Test
    void typeErrorsAreFoundAtSaveTime() {
        assertThatThrownBy(() -> RuleLanguage.compile("card.distinctCustomer.24h >= 3", catalog))
                .isInstanceOf(RuleSyntaxError.class)
                .hasMessageContaining("column 1: unknown feature 'card.distinctCustomer.24h'")
                .hasMessageContaining("did you mean card.distinctCustomers.24h");
        assertThatThrownBy(() -> RuleLanguage.compile("amount > 20000", catalog))
                .hasMessageContaining("column 10: cannot compare an amount with a number: write the number with its currency");
        assertThatThrownBy(() -> RuleLanguage.compile("amount > 100 TWD + 5 USD", catalog))
                .hasMessageContaining("currency mismatch: TWD and USD");
        assertThatThrownBy(() -> RuleLanguage.compile("card.firstSeen > 3", catalog))
                .hasMessageContaining("cannot compare a condition with a number");
        assertThatThrownBy(() -> RuleLanguage.compile("hour + 3", catalog))
                .hasMessageContaining("must be a condition");
        assertThatThrownBy(() -> RuleLanguage.compile("hour and card.firstSeen", catalog))
                .hasMessageContaining("column 1: expected a condition before 'and', found a number");
        assertThatThrownBy(() -> RuleLanguage.compile("amount * amount > 3 TWD", catalog))
                .hasMessageContaining("cannot multiply two amounts");
        assertThatThrownBy(() -> RuleLanguage.compile("card.binCountry in ['NG', 3]", catalog))
                .hasMessageContaining("column 27: the list must hold a text");
        assertThatThrownBy(() -> RuleLanguage.compile("card.binCountry > 'NG'", catalog))
                .hasMessageContaining("texts can only be compared with == or !=");
        assertThatThrownBy(() -> RuleLanguage.compile("hour in 1 TWD..3 TWD", catalog))
                .hasMessageContaining("the range must hold a number");
    }

    @Test
    void recordsTheFeaturesItUses() {
        CompiledExpression compiled = RuleLanguage.compile("card.attempts.1h > 3 and card.attempts.1h < 9 or hour == 2", catalog);
        assertThat(compiled.features()).extracting(Feature::name).containsExactly("card.attempts.1h", "hour");
    }
}
