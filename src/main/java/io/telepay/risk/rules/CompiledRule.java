package io.telepay.risk.rules;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.telepay.risk.RiskAction;
import io.telepay.risk.RuleMode;

/** A rule version ready to run: its compiled expression and what a match means. */
public record CompiledRule(String id, int version, String name, RiskAction action, RuleMode mode, int score, String reason,
                           CompiledExpression expression) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.]+)}");

    /** The reason with its {feature} placeholders filled from the attempt's values. */
    public String explain(FeatureValues values) {
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
