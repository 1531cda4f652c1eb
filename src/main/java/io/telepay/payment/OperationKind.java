package io.telepay.payment;

/**
 * What an operation on a payment does to the money. AUTHORIZE holds the amount on the card; SALE
 * authorizes and captures at once; the others act on what an authorization holds or a capture took.
 */
public enum OperationKind {
    AUTHORIZE, SALE, CAPTURE, VOID, REFUND, CHARGEBACK;

    /** The id prefix of operations of this kind: {@code aut_}, {@code sal_}, {@code cap_}, {@code vod_}, {@code ref_}, {@code cbk_}. */
    String prefix() {
        return switch (this) {
            case AUTHORIZE -> "aut_";
            case SALE -> "sal_";
            case CAPTURE -> "cap_";
            case VOID -> "vod_";
            case REFUND -> "ref_";
            case CHARGEBACK -> "cbk_";
        };
    }
}
