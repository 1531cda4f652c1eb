package io.telepay.payment;

/** What an operation on a payment does to the money. */
public enum OperationKind {
    CAPTURE, VOID, REFUND, CHARGEBACK;

    /** The id prefix of operations of this kind: {@code cap_}, {@code vod_}, {@code ref_}, {@code cbk_}. */
    String prefix() {
        return switch (this) {
            case CAPTURE -> "cap_";
            case VOID -> "vod_";
            case REFUND -> "ref_";
            case CHARGEBACK -> "cbk_";
        };
    }
}
