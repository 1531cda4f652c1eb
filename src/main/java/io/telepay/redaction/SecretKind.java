package io.telepay.redaction;

/** The kinds of secret that no seller needs and no stored note may hold. */
public enum SecretKind {
    CARD_NUMBER("card number"),
    CVC("CVC"),
    PIN("PIN"),
    PASSWORD("password"),
    OTP_CODE("one-time code"),
    ID_NUMBER("ID number"),
    EXPIRY("card expiry");

    private final String label;

    SecretKind(String label) {
        this.label = label;
    }

    /** Human-readable name, e.g. {@code "one-time code"}. */
    public String label() {
        return label;
    }

    /** What stands in the redacted text where the value was, e.g. {@code "[card number removed]"}. */
    public String placeholder() {
        return "[" + label + " removed]";
    }
}
