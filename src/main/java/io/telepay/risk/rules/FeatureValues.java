package io.telepay.risk.rules;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The feature values of one payment attempt, in arrays indexed by the catalog's slots so a compiled rule
 * reads a value with one array access. Unknown numbers are NaN (every comparison with them is false),
 * unknown texts null; amounts are in major units of {@link #currency()}, the attempt's currency.
 */
public final class FeatureValues {

    private final FeatureCatalog catalog;
    final double[] numbers;
    final String[] texts;
    private final String currency;

    public FeatureValues(FeatureCatalog catalog, String currency) {
        this.catalog = catalog;
        this.currency = currency;
        this.numbers = new double[catalog.numberSlots()];
        this.texts = new String[catalog.textSlots()];
        java.util.Arrays.fill(numbers, Double.NaN);
    }

    public FeatureCatalog catalog() {
        return catalog;
    }

    public String currency() {
        return currency;
    }

    public FeatureValues set(String name, double value) {
        Feature feature = catalog.require(name);
        if (feature.type() == ValueType.TEXT) {
            throw new IllegalArgumentException(name + " is a text");
        }
        numbers[feature.slot()] = sixDecimals(value);
        return this;
    }

    public FeatureValues set(String name, boolean value) {
        return set(name, value ? 1 : 0);
    }

    public FeatureValues set(String name, String value) {
        Feature feature = catalog.require(name);
        if (feature.type() != ValueType.TEXT) {
            throw new IllegalArgumentException(name + " is not a text");
        }
        texts[feature.slot()] = value;
        return this;
    }

    public double number(String name) {
        return numbers[catalog.require(name).slot()];
    }

    /** The number in a slot of the catalog ({@link Feature#slot()}), NaN when unknown: for scorers that resolved their slots once. */
    public double numberAt(int slot) {
        return numbers[slot];
    }

    public String text(String name) {
        return texts[catalog.require(name).slot()];
    }

    /** The value as it is stored and shown: a number, {@code true/false}, an amount string with currency, a text or null. */
    public Object shown(Feature feature) {
        if (feature.type() == ValueType.TEXT) {
            return texts[feature.slot()];
        }
        double value = numbers[feature.slot()];
        if (Double.isNaN(value)) {
            return null;
        }
        return switch (feature.type()) {
            case BOOLEAN -> value > 0.5;
            case MONEY -> BigDecimal.valueOf(value).stripTrailingZeros().toPlainString() + " " + currency;
            // full precision, so a stored decision replays exactly
            default -> value == Math.rint(value) && Math.abs(value) < 1e15 ? (Object) (long) value : BigDecimal.valueOf(value);
        };
    }

    /** Rebuilds the values a decision stored ({@link #asMap()}), for replaying it. */
    public static FeatureValues fromMap(FeatureCatalog catalog, Map<String, ?> shown) {
        Object amount = shown.get("amount");
        String currency = amount instanceof String text && text.contains(" ") ? text.substring(text.indexOf(' ') + 1) : null;
        FeatureValues values = new FeatureValues(catalog, currency);
        for (Feature feature : catalog.all()) {
            Object value = shown.get(feature.name());
            if (value == null) {
                continue;
            }
            switch (feature.type()) {
                case TEXT -> values.texts[feature.slot()] = value.toString();
                case BOOLEAN -> values.numbers[feature.slot()] = Boolean.TRUE.equals(value) ? 1 : 0;
                case MONEY -> values.numbers[feature.slot()] = Double.parseDouble(value.toString().split(" ")[0]);
                default -> values.numbers[feature.slot()] = value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString());
            }
        }
        return values;
    }

    /** Every feature with its shown value, in catalog order (what a decision stores). */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Feature feature : catalog.all()) {
            map.put(feature.name(), shown(feature));
        }
        return map;
    }

    /**
     * Values are kept to six decimals, the precision they are stored and replayed with. A full double
     * such as the ratio 5/9 = 0.5555555555555556 would also read as a long digit run — in the stored
     * decision it is indistinguishable from a card number to anyone scanning the database for one.
     */
    static double sixDecimals(double value) {
        return Math.abs(value) < 1e12 ? Math.rint(value * 1e6) / 1e6 : value; // NaN stays NaN; larger has no decimals to speak of
    }
}
