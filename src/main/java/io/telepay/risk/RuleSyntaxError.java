package io.telepay.risk;

import io.telepay.shared.InvalidInput;

/**
 * A rule expression that does not parse or does not type-check. The message names the column (1-based)
 * so the rule editor can point at it: {@code column 14: expected a number after '>'}.
 */
public class RuleSyntaxError extends InvalidInput {

    private final int column;
    private final String problem;

    public RuleSyntaxError(int column, String problem) {
        super("expression", "column " + column + ": " + problem);
        this.column = column;
        this.problem = problem;
    }

    public int column() {
        return column;
    }

    /** The message without the column prefix. */
    public String problem() {
        return problem;
    }
}
