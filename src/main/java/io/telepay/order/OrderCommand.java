package io.telepay.order;

/**
 * What can be done to an order. Whether a command is allowed, and what status it leads to, is decided
 * by one table ({@code OrderTransitions}); nothing else moves an order.
 */
public enum OrderCommand {
    /** Replace the lines or the shipping address of a draft. */
    CHANGE_LINES("change lines"),
    /** The customer agreed on the call: lines and total become final. */
    CONFIRM("confirm"),
    /** Called off before payment; after a capture the payment is refunded instead. */
    CANCEL("cancel"),
    /** The payment was captured. */
    MARK_PAID("mark paid"),
    /** The fulfilment reports progress (shipped, in transit, a service task opened). */
    RECORD_FULFILMENT("record fulfilment"),
    /** The fulfilment reports it is done. */
    COMPLETE_FULFILMENT("complete fulfilment"),
    /** Part of the captured amount was refunded. */
    REFUND_PARTIALLY("refund partially"),
    /** All of the captured amount was refunded. */
    REFUND_FULLY("refund fully");

    private final String words;

    OrderCommand(String words) {
        this.words = words;
    }

    /** The command as a person would say it, for problem details. */
    public String words() {
        return words;
    }
}
