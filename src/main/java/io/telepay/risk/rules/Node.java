package io.telepay.risk.rules;

import java.math.BigDecimal;
import java.util.List;

/** The parsed form of a rule expression, before type checking. Every node knows its column. */
sealed interface Node {

    int column();

    record NumberLiteral(BigDecimal value, int column) implements Node {
    }

    record MoneyLiteral(BigDecimal amount, String currency, int column) implements Node {
    }

    record BooleanLiteral(boolean value, int column) implements Node {
    }

    record TextLiteral(String value, int column) implements Node {
    }

    record FeatureRef(String name, int column) implements Node {
    }

    /** Arithmetic ({@code + - * /}), comparison ({@code > >= < <= == !=}) or logic ({@code and or}). */
    record Binary(String operator, Node left, Node right, int column) implements Node {
    }

    record Not(Node operand, int column) implements Node {
    }

    record Negate(Node operand, int column) implements Node {
    }

    /** {@code x in 0..5} (both ends included). */
    record InRange(Node value, Node low, Node high, boolean negated, int column) implements Node {
    }

    /** {@code x in [1, 2, 3]}. */
    record InList(Node value, List<Node> items, boolean negated, int column) implements Node {
    }
}
