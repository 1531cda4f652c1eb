package io.telepay.shared.bench;

import java.util.concurrent.TimeUnit;

import io.telepay.shared.CardNumbers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The log mask on one line, as {@code CardMaskingEncoder} runs it on every line written: {@code plain} is an
 * ordinary request log line (fewer than 13 digit-like characters: the pre-check answers), {@code numbers} a line
 * full of ids, amounts, dates and a phone (read digit by digit, nothing found), {@code hostile} a line with a
 * card number split by dots and zero-width characters (found and masked), {@code long} a 4 KB stack-trace-like
 * line of numbers.
 *
 * <p>Run: {@code ./mvnw -Pbench test-compile exec:exec@jmh -Djmh.args="-f 1 -wi 3 -i 5 -t 1 CardNumbersBenchmark"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CardNumbersBenchmark {

    @Param({"plain", "numbers", "hostile", "long"})
    public String line;

    private String text;

    @org.openjdk.jmh.annotations.Setup
    public void setUp() {
        text = switch (line) {
            case "plain" -> "2026-12-07T03:33:18.123Z INFO  [http-nio-8080-exec-7] i.t.payment.Checkout : session ps_4kq2 paid, 201 in 12 ms";
            case "numbers" -> "2026-12-07T03:33:18.123Z INFO order 20261128-0042 total NT$1,999.00 phone +886 912 345 678 on 2026/12/01 at 14:30"
                    + " ref 00520 13488 4767 tracking 1806 6121 8720";
            case "hostile" -> "2026-12-07T03:33:18.123Z WARN note from agent: 4242.4242\u200B.4242.4242 exp 12/28";
            default -> ("at io.telepay.payment.Checkout.pay(Checkout.java:131) order 20261128-0042 amount 1,999.00 on 2026/12/01 "
                    + "phone 0912-345-678 ").repeat(24);
        };
    }

    @Benchmark
    public String mask() {
        return CardNumbers.mask(text);
    }
}
