package io.telepay.risk.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.telepay.risk.RiskAction;
import io.telepay.risk.RuleMode;
import io.telepay.risk.rules.CompiledRule;
import io.telepay.risk.rules.Feature;
import io.telepay.risk.rules.FeatureCatalog;
import io.telepay.risk.rules.FeatureValues;
import io.telepay.risk.rules.RuleLanguage;
import io.telepay.risk.rules.Scoring;
import io.telepay.risk.rules.ValueType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One risk decision with its features already in memory: every enabled rule evaluated (ACTIVE and
 * SHADOW), the verdict scored and the reasons of the matches written, exactly as {@code RiskEngine}
 * does after its feature queries. {@code rules=default} is the seeded rule set (V141), {@code rules=100}
 * adds 75 generated rules of the same shapes. The attempts cycle through 256 varied feature sets, a
 * few of which match rules, so reasons are written too.
 *
 * <p>Run: {@code ./mvnw -Pbench test-compile exec:exec@jmh -Djmh.args="-f 1 -wi 3 -i 5 -t 1 RuleEvaluationBenchmark"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RuleEvaluationBenchmark {

    private static final Pattern ROW = Pattern.compile(
            "^\\('(rul_[a-z_]+)', 1, '((?:[^']|'')*)', '((?:[^']|'')*)', '(\\w+)', '(\\w+)', (true|false), (\\d+), '((?:[^']|'')*)'");

    @Param({"default", "100"})
    public String rules;

    private List<CompiledRule> compiled;
    private FeatureValues[] attempts;
    private int next;

    @Setup
    public void setUp() throws IOException {
        FeatureCatalog catalog = FeatureCatalog.standard();
        compiled = new ArrayList<>(seeded(catalog));
        if (rules.equals("100")) {
            String[] subjects = {"card", "customer", "phone", "agent", "ip", "device", "email"};
            String[] windows = {"10m", "1h", "24h", "7d"};
            Random random = new Random(7);
            for (int i = 0; compiled.size() < 100; i++) {
                String subject = subjects[i % subjects.length];
                String window = windows[(i / subjects.length) % windows.length];
                String expression = switch (i % 5) {
                    case 0 -> subject + ".attempts." + window + " >= " + (3 + random.nextInt(10)) + " and amount > " + (500 + random.nextInt(5000)) + " TWD";
                    case 1 -> subject + ".declineRatio." + window + " > 0." + (3 + random.nextInt(6)) + " and " + subject + ".attempts." + window + " >= 3";
                    case 2 -> subject + ".amount." + window + " > " + (10_000 + random.nextInt(90_000)) + " TWD or hour in " + random.nextInt(4) + ".." + (4 + random.nextInt(3));
                    case 3 -> "card.binCountry in [\"NG\", \"GH\", \"KE\"] and " + subject + ".declines." + window + " >= " + (1 + random.nextInt(4));
                    default -> "not card.firstSeen and amount > " + (2 + random.nextInt(4)) + " * customer.averageAmount and customer.priorPayments >= 3";
                };
                compiled.add(new CompiledRule("rul_gen_" + i, 1, "generated " + i, RiskAction.REVIEW, i % 3 == 0 ? RuleMode.SHADOW : RuleMode.ACTIVE,
                        30, "generated rule " + i + " on {" + subject + ".attempts." + window + "}",
                        RuleLanguage.compile(expression, catalog)));
            }
        }
        Random random = new Random(42);
        attempts = new FeatureValues[256];
        for (int i = 0; i < attempts.length; i++) {
            FeatureValues v = new FeatureValues(catalog, "TWD");
            for (Feature f : catalog.all()) {
                if (f.type() == ValueType.NUMBER) {
                    v.set(f.name(), f.name().contains("Ratio") ? random.nextDouble() * 0.4 : random.nextInt(3));
                } else if (f.type() == ValueType.BOOLEAN) {
                    v.set(f.name(), random.nextInt(10) == 0);
                } else if (f.type() == ValueType.MONEY) {
                    v.set(f.name(), 100 + random.nextInt(5000));
                }
            }
            v.set("hour", random.nextInt(24)).set("card.binCountry", i % 17 == 0 ? "NG" : "TW").set("customer.country", "TW")
                    .set("channel", "LINK").set("agent.tenureDays", 10 + random.nextInt(400));
            attempts[i] = v;
        }
    }

    @Benchmark
    public Scoring.Verdict decide() {
        FeatureValues values = attempts[next++ & 255];
        return Scoring.evaluate(compiled, values);
    }

    private static List<CompiledRule> seeded(FeatureCatalog catalog) throws IOException {
        List<CompiledRule> list = new ArrayList<>();
        try (InputStream in = RuleEvaluationBenchmark.class.getClassLoader().getResourceAsStream("db/migration/V141__risk_default_rules.sql")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                Matcher m = ROW.matcher(line);
                if (m.find()) {
                    list.add(new CompiledRule(m.group(1), 1, m.group(2).replace("''", "'"), RiskAction.valueOf(m.group(4)),
                            RuleMode.valueOf(m.group(5)), Integer.parseInt(m.group(7)), m.group(8).replace("''", "'"),
                            RuleLanguage.compile(m.group(3).replace("''", "'"), catalog)));
                }
            }
        }
        return list;
    }
}
