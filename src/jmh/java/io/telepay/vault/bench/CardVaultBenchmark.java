package io.telepay.vault.bench;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

import com.google.crypto.tink.KeysetHandle;
import io.telepay.shared.CardNumbers;
import io.telepay.vault.CardNumber;
import io.telepay.vault.crypto.CardCipher;
import io.telepay.vault.crypto.KeyEncryptionKey;
import io.telepay.vault.crypto.Keysets;
import io.telepay.vault.crypto.OpenedCard;
import io.telepay.vault.crypto.SealedCard;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The vault's in-memory crypto path, as {@code CardVault} runs it for each card:
 * <ul>
 *   <li>{@code tokenize}: a fresh 128-bit token, AES-256-GCM encryption of the number with the token
 *       as associated data, and the HMAC-SHA256 fingerprint;</li>
 *   <li>{@code parseAndTokenize}: the same after validating the typed number (brand, length, Luhn);</li>
 *   <li>{@code detokenize}: decryption and re-validation of a sealed number;</li>
 *   <li>{@code fingerprint}: the keyed HMAC alone.</li>
 * </ul>
 * The database insert or read around it is not measured here. The keysets are loaded the way the
 * vault loads them: wrapped under a key-encryption key and unwrapped.
 *
 * <p>Run: {@code ./mvnw -Pbench test-compile exec:exec@jmh} (docs/benchmarks.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CardVaultBenchmark {

    private static final int CARDS = 1024;

    private CardCipher cipher;
    private CardNumber[] numbers;
    private String[] typed;
    private SealedCard[] sealed;
    private int next;

    @Setup
    public void setUp() throws Exception {
        SecureRandom random = new SecureRandom();
        byte[] material = new byte[32];
        random.nextBytes(material);
        KeyEncryptionKey kek = KeyEncryptionKey.of(material, "benchmark");
        KeysetHandle encryption = kek.unwrap(kek.wrap(Keysets.newCardEncryption(), "card-encryption"), "card-encryption");
        KeysetHandle fingerprint = kek.unwrap(kek.wrap(Keysets.newFingerprint(), "card-fingerprint"), "card-fingerprint");
        cipher = new CardCipher(encryption, fingerprint);
        numbers = new CardNumber[CARDS];
        typed = new String[CARDS];
        sealed = new SealedCard[CARDS];
        for (int i = 0; i < CARDS; i++) {
            typed[i] = luhnValid(random, i % 2 == 0 ? "4" : "62", i % 3 == 0 ? 19 : 16);
            numbers[i] = CardNumber.parse(typed[i]);
            sealed[i] = cipher.seal(numbers[i], null);
        }
    }

    @Benchmark
    public SealedCard tokenize() {
        return cipher.seal(numbers[nextIndex()], null);
    }

    @Benchmark
    public SealedCard parseAndTokenize() {
        return cipher.seal(CardNumber.parse(typed[nextIndex()]), null);
    }

    @Benchmark
    public OpenedCard detokenize() {
        SealedCard card = sealed[nextIndex()];
        return cipher.open(card.token(), card.ciphertext());
    }

    @Benchmark
    public String fingerprint() {
        return cipher.fingerprint(numbers[nextIndex()]);
    }

    private int nextIndex() {
        next = (next + 1) & (CARDS - 1);
        return next;
    }

    private static String luhnValid(SecureRandom random, String prefix, int length) {
        StringBuilder digits = new StringBuilder(prefix);
        while (digits.length() < length - 1) {
            digits.append(random.nextInt(10));
        }
        for (int check = 0; ; check++) {
            if (CardNumbers.luhn(digits.toString() + check)) {
                return digits.append(check).toString();
            }
        }
    }
}
