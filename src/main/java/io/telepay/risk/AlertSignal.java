package io.telepay.risk;

/** What an alert is about, each with the severity it opens with (0-100). */
public enum AlertSignal {
    SECRET_REQUESTED(95, "an agent asked for a PIN, card password or one-time code"),
    CARD_COLLECTION_LANGUAGE(90, "a call note holds card-collection language"),
    CARD_NUMBER_IN_NOTE(80, "a card number appeared in a call note"),
    SECRET_IN_NOTE(80, "a PIN, password or one-time code appeared in a call note"),
    CARD_MANY_CUSTOMERS(75, "one card pays for several customers"),
    AGENT_CARD_INTAKE(70, "an agent collects far more distinct cards than the team"),
    NEW_AGENT_INTAKE(65, "a new agent with a high card intake"),
    HOLDER_NAME_MISMATCH(45, "the name on the card is unlike the customer's"),
    SESSIONS_SENT_ELSEWHERE(60, "pay links sent to numbers that are not the customers'"),
    QUICK_REFUND(40, "a refund soon after capture"),
    AGENT_CARDS_FRAUD(85, "an agent's cards were reported as fraud"),
    CARD_TESTING(70, "many declines from one address or card"),
    LINKED_TO_FRAUD(60, "linked to something labelled fraud"),
    PAY_PAGE_FROM_STAFF(90, "a pay page was opened from a staff member's device, address or network"),
    PHONE_CHANGED_BEFORE_LINK(80, "a pay link went to a phone number changed shortly before");

    private final int severity;
    private final String description;

    AlertSignal(int severity, String description) {
        this.severity = severity;
        this.description = description;
    }

    public int severity() {
        return severity;
    }

    public String description() {
        return description;
    }
}
