package io.telepay.trust.report;

/**
 * What the caller asked the consumer for — the moves of card-harvesting fraud (電銷收卡). A reporter ticks
 * any number of them.
 */
public enum AskedFor {
    PIN, CARD_PASSWORD, SMS_CODE, CARD_NUMBER, CVC, ID_NUMBER, REMOTE_CONTROL_APP, SAFE_ACCOUNT_TRANSFER,
    CARD_TO_COURIER, OTHER
}
