package io.telepay.risk.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.telepay.risk.RuleSyntaxError;

/**
 * The rules language: parses an expression, checks its types against a feature catalog and compiles
 * it to closures. Types: a comparison needs two numbers, two amounts in the same currency, two texts
 * or two conditions; {@code and/or/not} need conditions; amounts add to amounts and scale by numbers.
 * An amount of a feature is in the payment's currency, known only at run time: compared with a literal
 * in another currency the comparison is false (a TWD threshold says nothing about a JPY payment).
 */
public final class RuleLanguage {

    private RuleLanguage() {
    }

    /**
     * @throws RuleSyntaxError naming the column of the first problem
     */
    public static CompiledExpression compile(String source, FeatureCatalog catalog) {
        Node node = Parser.parse(source);
        Set<Feature> used = new LinkedHashSet<>();
        Typed typed = new Compiler(catalog, used).compile(node);
        if (typed.type != ValueType.BOOLEAN) {
            throw new RuleSyntaxError(1, "the expression must be a condition (true or false), but it is "
                    + typed.type.described() + "; compare it with something, e.g. '> 3'");
        }
        return new CompiledExpression(source, typed.condition(), new ArrayList<>(used));
    }

    interface Num {
        double of(FeatureValues f);
    }

    interface Text {
        String of(FeatureValues f);
    }

    /**
     * A compiled sub-expression: a condition, a number, an amount (amount closure + currency, null for
     * the payment's own) or a text.
     */
    record Typed(ValueType type, Object code, String currency, boolean constant) {

        Condition condition() {
            return (Condition) code;
        }

        Num number() {
            return (Num) code;
        }

        Text text() {
            return (Text) code;
        }
    }

    private static final class Compiler {

        private final FeatureCatalog catalog;
        private final Set<Feature> used;

        Compiler(FeatureCatalog catalog, Set<Feature> used) {
            this.catalog = catalog;
            this.used = used;
        }

        Typed compile(Node node) {
            return switch (node) {
                case Node.NumberLiteral n -> {
                    double v = n.value().doubleValue();
                    yield new Typed(ValueType.NUMBER, (Num) f -> v, null, true);
                }
                case Node.MoneyLiteral m -> {
                    double v = m.amount().doubleValue();
                    yield new Typed(ValueType.MONEY, (Num) f -> v, m.currency(), true);
                }
                case Node.BooleanLiteral b -> {
                    boolean v = b.value();
                    yield new Typed(ValueType.BOOLEAN, (Condition) f -> v, null, true);
                }
                case Node.TextLiteral t -> {
                    String v = t.value();
                    yield new Typed(ValueType.TEXT, (Text) f -> v, null, true);
                }
                case Node.FeatureRef ref -> feature(ref);
                case Node.Not not -> {
                    Condition inner = expect(compile(not.operand()), ValueType.BOOLEAN, not.operand(), "after 'not'").condition();
                    yield new Typed(ValueType.BOOLEAN, (Condition) f -> !inner.test(f), null, false);
                }
                case Node.Negate negate -> {
                    Typed inner = compile(negate.operand());
                    if (inner.type != ValueType.NUMBER && inner.type != ValueType.MONEY) {
                        throw new RuleSyntaxError(negate.operand().column(), "expected a number after '-', found " + inner.type.described());
                    }
                    Num n = inner.number();
                    yield new Typed(inner.type, (Num) f -> -n.of(f), inner.currency, inner.constant);
                }
                case Node.Binary binary -> binary(binary);
                case Node.InRange range -> inRange(range);
                case Node.InList list -> inList(list);
            };
        }

        private Typed feature(Node.FeatureRef ref) {
            Feature feature = catalog.find(ref.name()).orElseThrow(() -> {
                List<String> near = catalog.near(ref.name());
                return new RuleSyntaxError(ref.column(), "unknown feature '" + ref.name() + "'"
                        + (near.isEmpty() ? "" : "; did you mean " + String.join(", ", near) + "?"));
            });
            used.add(feature);
            int slot = feature.slot();
            return switch (feature.type()) {
                case BOOLEAN -> new Typed(ValueType.BOOLEAN, (Condition) f -> f.numbers[slot] > 0.5, null, false);
                case TEXT -> new Typed(ValueType.TEXT, (Text) f -> f.texts[slot], null, false);
                default -> new Typed(feature.type(), (Num) f -> f.numbers[slot], null, false);
            };
        }

        private Typed binary(Node.Binary b) {
            Typed left = compile(b.left());
            Typed right = compile(b.right());
            String op = b.operator();
            switch (op) {
                case "and", "or" -> {
                    Condition l = expect(left, ValueType.BOOLEAN, b.left(), "before '" + op + "'").condition();
                    Condition r = expect(right, ValueType.BOOLEAN, b.right(), "after '" + op + "'").condition();
                    Condition c = op.equals("and") ? f -> l.test(f) && r.test(f) : f -> l.test(f) || r.test(f);
                    return new Typed(ValueType.BOOLEAN, c, null, false);
                }
                case "+", "-", "*", "/" -> {
                    return arithmetic(op, left, right, b);
                }
                default -> {
                    return comparison(op, left, right, b);
                }
            }
        }

        private Typed arithmetic(String op, Typed left, Typed right, Node.Binary b) {
            numeric(left, b.left(), op);
            numeric(right, b.right(), op);
            ValueType result;
            String currency = null;
            Num l = left.number();
            Num r = right.number();
            boolean money = left.type == ValueType.MONEY || right.type == ValueType.MONEY;
            if (!money) {
                result = ValueType.NUMBER;
            } else if (op.equals("+") || op.equals("-")) {
                if (left.type != right.type) {
                    throw new RuleSyntaxError(b.column(), "cannot " + (op.equals("+") ? "add" : "subtract") + " "
                            + right.type.described() + " and " + left.type.described() + ": write the number as an amount, e.g. 100 TWD");
                }
                Num[] aligned = align(left, right, b);
                l = aligned[0];
                r = aligned[1];
                currency = Objects.requireNonNullElse(left.currency, right.currency);
                result = ValueType.MONEY;
            } else if (op.equals("*")) {
                if (left.type == ValueType.MONEY && right.type == ValueType.MONEY) {
                    throw new RuleSyntaxError(b.column(), "cannot multiply two amounts; multiply an amount by a number");
                }
                currency = left.type == ValueType.MONEY ? left.currency : right.currency;
                result = ValueType.MONEY;
            } else if (left.type == ValueType.MONEY && right.type == ValueType.MONEY) {
                Num[] aligned = align(left, right, b);
                l = aligned[0];
                r = aligned[1];
                result = ValueType.NUMBER;
            } else if (left.type == ValueType.MONEY) {
                currency = left.currency;
                result = ValueType.MONEY;
            } else {
                throw new RuleSyntaxError(b.column(), "cannot divide a number by an amount");
            }
            Num a = l;
            Num c = r;
            Num code = switch (op) {
                case "+" -> f -> a.of(f) + c.of(f);
                case "-" -> f -> a.of(f) - c.of(f);
                case "*" -> f -> a.of(f) * c.of(f);
                default -> f -> {
                    double divisor = c.of(f);
                    return divisor == 0 ? Double.NaN : a.of(f) / divisor;
                };
            };
            return new Typed(result, code, currency, left.constant && right.constant);
        }

        private Typed comparison(String op, Typed left, Typed right, Node.Binary b) {
            if (left.type != right.type) {
                throw new RuleSyntaxError(b.right().column(), "cannot compare " + left.type.described() + " with "
                        + right.type.described() + hint(left, right));
            }
            Condition code;
            switch (left.type) {
                case NUMBER, MONEY -> {
                    Num[] aligned = left.type == ValueType.MONEY ? align(left, right, b) : new Num[] {left.number(), right.number()};
                    Num l = aligned[0];
                    Num r = aligned[1];
                    code = switch (op) {
                        case ">" -> f -> l.of(f) > r.of(f);
                        case ">=" -> f -> l.of(f) >= r.of(f);
                        case "<" -> f -> l.of(f) < r.of(f);
                        case "<=" -> f -> l.of(f) <= r.of(f);
                        case "==" -> f -> l.of(f) == r.of(f);
                        default -> f -> {
                            double x = l.of(f);
                            double y = r.of(f);
                            return x < y || x > y;
                        };
                    };
                }
                case TEXT -> {
                    Text l = left.text();
                    Text r = right.text();
                    code = switch (op) {
                        case "==" -> f -> {
                            String x = l.of(f);
                            return x != null && x.equalsIgnoreCase(r.of(f));
                        };
                        case "!=" -> f -> {
                            String x = l.of(f);
                            String y = r.of(f);
                            return x != null && y != null && !x.equalsIgnoreCase(y);
                        };
                        default -> throw new RuleSyntaxError(b.column(), "texts can only be compared with == or !=");
                    };
                }
                default -> {
                    Condition l = left.condition();
                    Condition r = right.condition();
                    code = switch (op) {
                        case "==" -> f -> l.test(f) == r.test(f);
                        case "!=" -> f -> l.test(f) != r.test(f);
                        default -> throw new RuleSyntaxError(b.column(), "conditions can only be compared with == or !=");
                    };
                }
            }
            return new Typed(ValueType.BOOLEAN, code, null, false);
        }

        private Typed inRange(Node.InRange range) {
            Typed value = compile(range.value());
            Typed low = compile(range.low());
            Typed high = compile(range.high());
            numeric(value, range.value(), "in");
            for (var bound : List.of(low, high)) {
                if (bound.type != value.type) {
                    throw new RuleSyntaxError(bound == low ? range.low().column() : range.high().column(),
                            "the range must hold " + value.type.described() + " like the value before 'in', not " + bound.type.described());
                }
            }
            Node.Binary at = new Node.Binary("in", range.value(), range.low(), range.column());
            Num[] lowAligned = value.type == ValueType.MONEY ? align(value, low, at) : new Num[] {value.number(), low.number()};
            Num[] highAligned = value.type == ValueType.MONEY ? align(value, high, at) : new Num[] {value.number(), high.number()};
            Num v = lowAligned[0];
            Num lo = lowAligned[1];
            Num hi = highAligned[1];
            Condition inside = f -> {
                double x = v.of(f);
                return x >= lo.of(f) && x <= hi.of(f);
            };
            Condition code = range.negated() ? f -> {
                double x = v.of(f);
                return x < lo.of(f) || x > hi.of(f);
            } : inside;
            return new Typed(ValueType.BOOLEAN, code, null, false);
        }

        private Typed inList(Node.InList list) {
            Typed value = compile(list.value());
            List<Typed> items = new ArrayList<>();
            for (Node item : list.items()) {
                Typed typed = compile(item);
                if (typed.type != value.type) {
                    throw new RuleSyntaxError(item.column(), "the list must hold " + value.type.described()
                            + " like the value before 'in', not " + typed.type.described());
                }
                items.add(typed);
            }
            Condition code;
            switch (value.type) {
                case TEXT -> {
                    Text v = value.text();
                    Text[] options = items.stream().map(Typed::text).toArray(Text[]::new);
                    code = f -> {
                        String x = v.of(f);
                        if (x == null) {
                            return false;
                        }
                        for (Text option : options) {
                            if (x.equalsIgnoreCase(option.of(f))) {
                                return true;
                            }
                        }
                        return false;
                    };
                }
                case NUMBER, MONEY -> {
                    Node.Binary at = new Node.Binary("in", list.value(), list.value(), list.column());
                    Num v = value.number();
                    List<Num> aligned = new ArrayList<>();
                    for (Typed item : items) {
                        Num[] pair = value.type == ValueType.MONEY ? align(value, item, at) : new Num[] {v, item.number()};
                        aligned.add(f -> pair[0].of(f) == pair[1].of(f) ? 1 : 0);
                    }
                    Num[] checks = aligned.toArray(Num[]::new);
                    code = f -> {
                        for (Num check : checks) {
                            if (check.of(f) == 1) {
                                return true;
                            }
                        }
                        return false;
                    };
                }
                default -> throw new RuleSyntaxError(list.column(), "'in' needs numbers, amounts or texts, not conditions");
            }
            if (!list.negated()) {
                return new Typed(ValueType.BOOLEAN, code, null, false);
            }
            Condition in = code;
            Text present = value.type == ValueType.TEXT ? value.text() : null;
            Num number = value.type == ValueType.TEXT ? null : value.number();
            // an unknown value is not "not in" a list either: a missing BIN country says nothing
            Condition notIn = f -> (present != null ? present.of(f) != null : !Double.isNaN(number.of(f))) && !in.test(f);
            return new Typed(ValueType.BOOLEAN, notIn, null, false);
        }

        /**
         * Two amounts ready to combine: both in the payment's currency, both in the same literal currency,
         * or one of each (then the payment's side is NaN unless the payment is in that currency).
         */
        private Num[] align(Typed left, Typed right, Node.Binary at) {
            Num l = left.number();
            Num r = right.number();
            if (Objects.equals(left.currency, right.currency)) {
                return new Num[] {l, r};
            }
            if (left.currency != null && right.currency != null) {
                throw new RuleSyntaxError(at.column(), "currency mismatch: " + left.currency + " and " + right.currency);
            }
            String fixed = left.currency != null ? left.currency : right.currency;
            Num guardedLeft = left.currency == null ? f -> fixed.equals(f.currency()) ? l.of(f) : Double.NaN : l;
            Num guardedRight = right.currency == null ? f -> fixed.equals(f.currency()) ? r.of(f) : Double.NaN : r;
            return new Num[] {guardedLeft, guardedRight};
        }

        private static void numeric(Typed typed, Node node, String op) {
            if (typed.type != ValueType.NUMBER && typed.type != ValueType.MONEY) {
                throw new RuleSyntaxError(node.column(), "'" + op + "' needs a number or an amount, not " + typed.type.described());
            }
        }

        private static Typed expect(Typed typed, ValueType type, Node node, String where) {
            if (typed.type != type) {
                throw new RuleSyntaxError(node.column(), "expected " + type.described() + " " + where + ", found "
                        + typed.type.described());
            }
            return typed;
        }

        private static String hint(Typed left, Typed right) {
            if ((left.type == ValueType.MONEY && right.type == ValueType.NUMBER)
                    || (left.type == ValueType.NUMBER && right.type == ValueType.MONEY)) {
                return ": write the number with its currency, e.g. 20000 TWD";
            }
            return "";
        }
    }
}
