package io.telepay.payment;

import io.telepay.risk.SessionOpened;
import io.telepay.shared.Money;
import io.telepay.shared.PublicEvent;

/** An agent opened a payment session for an order (a pay link or keypad capture). */
public record PaymentSessionCreated(String sessionId, String orderId, String customerId, String agentId, String channel,
                                    String sendTo, Money amount) implements PublicEvent, SessionOpened {
}
