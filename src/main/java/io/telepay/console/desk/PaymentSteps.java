package io.telepay.console.desk;

import java.util.List;

import io.telepay.payment.SessionStep;

/**
 * The few milestones an agent reads from a session's steps: link sent, opened, card entered, the bank,
 * paid (keypad sessions have no link to send or open).
 */
public final class PaymentSteps {

    private static final List<String> LINK = List.of("SENT", "OPENED", "CARD", "BANK", "PAID");
    private static final List<String> KEYPAD = List.of("CARD", "BANK", "PAID");

    private PaymentSteps() {
    }

    public static List<String> milestones(String channel) {
        return "IVR".equals(channel) ? KEYPAD : LINK;
    }

    /** The index in {@link #milestones} of the milestone the session is at; everything before it is done. */
    public static int reached(SessionStep step, String channel) {
        int forLink = switch (step) {
            case CREATED, LINK_SENT -> 0;
            case LINK_OPENED -> 1;
            case CARD_ENTERED, DECLINED -> 2;
            case CHECKING, AUTHORIZING, CONFIRMING, APPROVED, HELD -> 3;
            case PAID -> 5;
            case EXPIRED, FAILED -> -1;
        };
        return "IVR".equals(channel) && forLink > 0 ? forLink - 2 : forLink;
    }
}
