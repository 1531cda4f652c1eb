package io.telepay.customer.lead;

/**
 * A model version measured on the calls that followed its offers, against the hand-written score at the same
 * offers. Figures are NaN while there are no orders (or no calls) to measure with.
 *
 * @param calls  offers the version scored that a call followed, older than the label window
 * @param orders how many of them led to an order within the window
 */
public record ShadowLift(String modelId, long calls, long orders, double modelAuc, double modelTopDecileLift,
                         double handWrittenAuc, double handWrittenTopDecileLift) {
}
