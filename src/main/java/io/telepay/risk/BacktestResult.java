package io.telepay.risk;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an expression would have matched over stored attempts, each judged on its features as of its own
 * time.
 *
 * @param fraud      matched attempts later labelled FRAUD (their card, customer, phone or agent; or charged back)
 * @param legitimate matched attempts not FRAUD whose card or customer an analyst labelled LEGITIMATE
 * @param examples   up to 20 matched attempts with the values of the features the expression names
 */
public record BacktestResult(String expression, Instant from, Instant to, long evaluated, long matched, long fraud,
                             long legitimate, List<Example> examples) {

    public record Example(String paymentId, Instant at, String label, String action, Map<String, Object> features) {
    }
}
