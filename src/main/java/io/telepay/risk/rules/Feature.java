package io.telepay.risk.rules;

/**
 * One value the rules can name, e.g. {@code card.distinctCustomers.24h}.
 *
 * @param slot where its value sits in {@link FeatureValues} (numbers for NUMBER, MONEY and BOOLEAN, texts for TEXT)
 * @param unit how a value reads in a reason: "customers", "attempts"; empty when none
 */
public record Feature(String name, ValueType type, int slot, String description, String unit) {
}
