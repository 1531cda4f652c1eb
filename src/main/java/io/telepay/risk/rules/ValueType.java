package io.telepay.risk.rules;

/** The types of the rules language. MONEY is an amount in one currency; BOOLEAN features hold yes or no. */
public enum ValueType {
    NUMBER("a number"), MONEY("an amount"), BOOLEAN("a condition"), TEXT("a text");

    private final String described;

    ValueType(String described) {
        this.described = described;
    }

    /** How the type reads in an error message: "a number", "an amount". */
    public String described() {
        return described;
    }
}
