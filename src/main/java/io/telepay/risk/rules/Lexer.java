package io.telepay.risk.rules;

import java.util.ArrayList;
import java.util.List;

import io.telepay.risk.RuleSyntaxError;

/** Splits a rule expression into tokens, each with the column (1-based) it starts at. */
final class Lexer {

    enum Kind { NUMBER, WORD, TEXT, SYMBOL, END }

    record Token(Kind kind, String text, int column) {

        boolean is(String symbolOrKeyword) {
            return (kind == Kind.SYMBOL || kind == Kind.WORD) && text.equals(symbolOrKeyword);
        }

        /** How the token reads in an error message. */
        String shown() {
            return switch (kind) {
                case END -> "the end";
                case TEXT -> "\"" + text + "\"";
                default -> "'" + text + "'";
            };
        }
    }

    private static final List<String> SYMBOLS = List.of(">=", "<=", "==", "!=", "..", ">", "<", "=", "+", "-", "*", "/",
            "(", ")", "[", "]", ",");

    private Lexer() {
    }

    static List<Token> tokens(String source) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int length = source.length();
        while (i < length) {
            char c = source.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            if (isDigit(c)) {
                while (i < length && (isDigit(source.charAt(i)) || source.charAt(i) == '_')) {
                    i++;
                }
                // a decimal point only when a digit follows: "0..5" is a range, not "0." and ".5"
                if (i + 1 < length && source.charAt(i) == '.' && isDigit(source.charAt(i + 1))) {
                    i++;
                    while (i < length && isDigit(source.charAt(i))) {
                        i++;
                    }
                }
                if (i < length && Character.isLetter(source.charAt(i))) {
                    throw new RuleSyntaxError(i + 1, "a number cannot run into a word: put a space after "
                            + source.substring(start, i));
                }
                tokens.add(new Token(Kind.NUMBER, source.substring(start, i).replace("_", ""), start + 1));
            } else if (Character.isLetter(c) || c == '_') {
                // feature paths are one word: card.distinctCustomers.24h (a segment may start with a digit)
                while (i < length) {
                    char d = source.charAt(i);
                    if (Character.isLetterOrDigit(d) || d == '_') {
                        i++;
                    } else if (d == '.' && i + 1 < length && (Character.isLetterOrDigit(source.charAt(i + 1)))) {
                        i++;
                    } else {
                        break;
                    }
                }
                tokens.add(new Token(Kind.WORD, source.substring(start, i), start + 1));
            } else if (c == '"' || c == '\'') {
                int close = source.indexOf(c, i + 1);
                if (close < 0) {
                    throw new RuleSyntaxError(start + 1, "text started with " + c + " is never closed");
                }
                tokens.add(new Token(Kind.TEXT, source.substring(i + 1, close), start + 1));
                i = close + 1;
            } else {
                String symbol = symbolAt(source, i);
                if (symbol == null) {
                    throw new RuleSyntaxError(start + 1, "unexpected character '" + c + "'");
                }
                tokens.add(new Token(Kind.SYMBOL, symbol, start + 1));
                i += symbol.length();
            }
        }
        tokens.add(new Token(Kind.END, "", length + 1));
        return tokens;
    }

    private static String symbolAt(String source, int i) {
        for (String symbol : SYMBOLS) {
            if (source.startsWith(symbol, i)) {
                return symbol;
            }
        }
        return null;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
