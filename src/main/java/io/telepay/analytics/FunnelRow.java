package io.telepay.analytics;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.telepay.shared.Money;

/**
 * One row of the funnel: how many calls, contacts (calls where the agent spoke with the customer),
 * confirmed orders, orders with a pay session, paid, fulfilled, refunded and charged-back orders, with
 * the amounts per currency (never added across currencies) and the rates a supervisor reads.
 *
 * @param key                  the agent id, product id ({@code -} for calls, which have no product) or day
 * @param label                the agent's or product's name, or the day; never null
 * @param declines             declined payment attempts
 * @param conversion           confirmed orders per contact, 4 decimals; null without contacts
 * @param averageHandleSeconds null without calls
 * @param declineRate          declines per payment attempt (declined or paid), 4 decimals; null without attempts
 * @param averageOrderValues   one per currency, rounded half-even to the currency's minor unit
 */
public record FunnelRow(String key, String label, long calls, long contacts, long handleSeconds, long ordersConfirmed,
                        long paySessions, long paid, long fulfilled, long refunded, long chargedBack, long declines,
                        List<Money> orderAmounts, List<Money> paidAmounts, List<Money> refundedAmounts,
                        List<Money> chargedBackAmounts, BigDecimal conversion, Long averageHandleSeconds,
                        BigDecimal declineRate, List<Money> averageOrderValues) {

    public FunnelRow {
        orderAmounts = List.copyOf(orderAmounts);
        paidAmounts = List.copyOf(paidAmounts);
        refundedAmounts = List.copyOf(refundedAmounts);
        chargedBackAmounts = List.copyOf(chargedBackAmounts);
        averageOrderValues = List.copyOf(averageOrderValues);
    }

    /** What stayed with the company: paid less refunded and charged back, per currency (never added across them). */
    public List<Money> netAmounts() {
        Map<Currency, Money> net = new LinkedHashMap<>();
        paidAmounts.forEach(m -> net.merge(m.currency(), m, Money::plus));
        Stream.concat(refundedAmounts.stream(), chargedBackAmounts.stream())
                .forEach(m -> net.merge(m.currency(), Money.zero(m.currency()).minus(m), Money::plus));
        return List.copyOf(net.values());
    }
}
