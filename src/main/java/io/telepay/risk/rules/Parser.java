package io.telepay.risk.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;

import io.telepay.risk.RuleSyntaxError;
import io.telepay.risk.rules.Lexer.Kind;
import io.telepay.risk.rules.Lexer.Token;

/**
 * Recursive descent over the grammar (lowest precedence first):
 * <pre>
 * expression := and ('or' and)*
 * and        := not ('and' not)*
 * not        := 'not' not | comparison
 * comparison := sum (('>'|'>='|'<'|'<='|'=='|'='|'!=') sum | 'not'? 'in' (sum '..' sum | '[' sum (',' sum)* ']'))?
 * sum        := product (('+'|'-') product)*
 * product    := unary (('*'|'/') unary)*
 * unary      := '-' unary | primary
 * primary    := number currency? | 'true' | 'false' | text | feature | '(' expression ')'
 * </pre>
 */
final class Parser {

    private static final Set<String> COMPARISONS = Set.of(">", ">=", "<", "<=", "==", "=", "!=");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "true", "false");

    private final List<Token> tokens;
    private int position;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static Node parse(String source) {
        if (source == null || source.isBlank()) {
            throw new RuleSyntaxError(1, "the expression is empty");
        }
        Parser parser = new Parser(Lexer.tokens(source));
        Node node = parser.or();
        Token rest = parser.peek();
        if (rest.kind() != Kind.END) {
            throw new RuleSyntaxError(rest.column(), "unexpected " + rest.shown() + parser.hintAfter(rest));
        }
        return node;
    }

    private Node or() {
        Node left = and();
        while (peek().is("or")) {
            Token op = next();
            left = new Node.Binary("or", left, operand(this::and, op, "a condition"), op.column());
        }
        return left;
    }

    private Node and() {
        Node left = not();
        while (peek().is("and")) {
            Token op = next();
            left = new Node.Binary("and", left, operand(this::not, op, "a condition"), op.column());
        }
        return left;
    }

    private Node not() {
        if (peek().is("not")) {
            Token op = next();
            return new Node.Not(operand(this::not, op, "a condition"), op.column());
        }
        return comparison();
    }

    private Node comparison() {
        Node left = sum();
        Token op = peek();
        if (op.kind() == Kind.SYMBOL && COMPARISONS.contains(op.text())) {
            next();
            String operator = op.text().equals("=") ? "==" : op.text();
            return new Node.Binary(operator, left, operand(this::sum, op, "a number"), op.column());
        }
        boolean negated = false;
        if (op.is("not") && peekAt(1).is("in")) {
            next();
            negated = true;
        }
        if (peek().is("in")) {
            Token in = next();
            if (peek().is("[")) {
                Token open = next();
                List<Node> items = new ArrayList<>();
                if (peek().is("]")) {
                    throw new RuleSyntaxError(peek().column(), "the list after 'in' is empty");
                }
                items.add(operand(this::sum, open, "a value"));
                while (peek().is(",")) {
                    Token comma = next();
                    items.add(operand(this::sum, comma, "a value"));
                }
                expect("]", "to close the list opened at column " + open.column());
                return new Node.InList(left, items, negated, in.column());
            }
            Node low = operand(this::sum, in, "a range such as 0..5 or a list such as [1, 2]");
            if (!peek().is("..")) {
                throw new RuleSyntaxError(peek().column(), "expected '..' in the range after 'in' (as in 0..5), found "
                        + peek().shown());
            }
            Token dots = next();
            Node high = operand(this::sum, dots, "the end of the range");
            return new Node.InRange(left, low, high, negated, in.column());
        }
        return left;
    }

    private Node sum() {
        Node left = product();
        while (peek().is("+") || peek().is("-")) {
            Token op = next();
            left = new Node.Binary(op.text(), left, operand(this::product, op, "a number"), op.column());
        }
        return left;
    }

    private Node product() {
        Node left = unary();
        while (peek().is("*") || peek().is("/")) {
            Token op = next();
            left = new Node.Binary(op.text(), left, operand(this::unary, op, "a number"), op.column());
        }
        return left;
    }

    private Node unary() {
        if (peek().is("-")) {
            Token op = next();
            return new Node.Negate(operand(this::unary, op, "a number"), op.column());
        }
        return primary();
    }

    private Node primary() {
        Token token = peek();
        switch (token.kind()) {
            case NUMBER -> {
                next();
                BigDecimal value = new BigDecimal(token.text());
                Token after = peek();
                if (after.kind() == Kind.WORD && after.text().matches("[A-Z]{3}")) {
                    next();
                    checkCurrency(after);
                    return new Node.MoneyLiteral(value, after.text(), token.column());
                }
                return new Node.NumberLiteral(value, token.column());
            }
            case TEXT -> {
                next();
                return new Node.TextLiteral(token.text(), token.column());
            }
            case WORD -> {
                if (token.is("true") || token.is("false")) {
                    next();
                    return new Node.BooleanLiteral(token.is("true"), token.column());
                }
                if (KEYWORDS.contains(token.text())) {
                    throw new RuleSyntaxError(token.column(), "expected a value, found the keyword '" + token.text() + "'");
                }
                next();
                return new Node.FeatureRef(token.text(), token.column());
            }
            case SYMBOL -> {
                if (token.is("(")) {
                    next();
                    Node inner = operand(this::or, token, "an expression");
                    expect(")", "to close the parenthesis opened at column " + token.column());
                    return inner;
                }
                throw new RuleSyntaxError(token.column(), "expected a value, found " + token.shown());
            }
            default -> throw new RuleSyntaxError(token.column(), "expected a value, found the end of the expression");
        }
    }

    /** Parses what must follow {@code after}, or says what was expected there. */
    private Node operand(java.util.function.Supplier<Node> rule, Token after, String expected) {
        Token token = peek();
        boolean startsValue = switch (token.kind()) {
            case NUMBER, TEXT -> true;
            case WORD -> !KEYWORDS.contains(token.text()) || token.is("true") || token.is("false") || token.is("not");
            case SYMBOL -> token.is("(") || token.is("-");
            case END -> false;
        };
        if (!startsValue) {
            throw new RuleSyntaxError(token.column(), "expected " + expected + " after " + after.shown()
                    + (token.kind() == Kind.END ? "" : ", found " + token.shown()));
        }
        return rule.get();
    }

    private void expect(String symbol, String why) {
        Token token = peek();
        if (!token.is(symbol)) {
            throw new RuleSyntaxError(token.column(), "expected '" + symbol + "' " + why + ", found " + token.shown());
        }
        next();
    }

    private String hintAfter(Token rest) {
        if (rest.kind() == Kind.WORD && rest.text().matches("[A-Za-z]{3}") && position > 0
                && tokens.get(position - 1).kind() == Kind.NUMBER) {
            return " (a currency is three capital letters, such as TWD)";
        }
        if (rest.kind() == Kind.WORD || rest.kind() == Kind.NUMBER) {
            return " (missing 'and', 'or' or an operator before it?)";
        }
        return "";
    }

    private static void checkCurrency(Token token) {
        try {
            Currency.getInstance(token.text());
        } catch (IllegalArgumentException e) {
            throw new RuleSyntaxError(token.column(), "unknown currency " + token.text());
        }
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(position + ahead, tokens.size() - 1));
    }

    private Token next() {
        return tokens.get(position++);
    }
}
