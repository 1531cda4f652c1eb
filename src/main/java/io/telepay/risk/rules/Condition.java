package io.telepay.risk.rules;

/** A compiled rule expression: a tree of closures over the feature arrays, no parsing or lookups at run time. */
@FunctionalInterface
public interface Condition {

    boolean test(FeatureValues features);
}
