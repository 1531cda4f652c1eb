package io.telepay.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.telepay.shared.Ids;
import io.telepay.shared.Role;
import io.telepay.testing.Http;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Idempotency-Key semantics of API.md, on a test endpoint that counts its effects. */
class IdempotencySystemTest extends SystemTest {

    private static final String EFFECTS = "/api/v1/test/idempotency/effects";

    @Autowired
    IdempotencyKeys keys;

    private static String counter() {
        return "c-" + Ids.randomToken(6);
    }

    private static String key() {
        return "key-" + Ids.randomToken(8);
    }

    private static Map<String, String> effect(String counter) {
        return Map.of("counter", counter);
    }

    @Test
    void sameKeyAndBodyReplaysTheFirstResponseExactlyAndRunsOnce() {
        Http client = as(Role.AGENT).header("Idempotency-Key", key());
        String counter = counter();

        var first = client.post(EFFECTS, effect(counter));
        var second = client.post(EFFECTS, effect(counter));

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.contentType()).isEqualTo(first.contentType());
        assertThat(second.header("Location")).isEqualTo(first.header("Location")).isNotBlank();
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(EffectCounter.effects(counter)).isEqualTo(1);
    }

    @Test
    void withoutTheHeaderEveryRequestRuns() {
        Http client = as(Role.AGENT);
        String counter = counter();
        client.post(EFFECTS, effect(counter));
        client.post(EFFECTS, effect(counter));
        assertThat(EffectCounter.effects(counter)).isEqualTo(2);
    }

    @Test
    void anEndpointThatDidNotOptInIgnoresTheHeader() {
        Http client = as(Role.AGENT).header("Idempotency-Key", key());
        String counter = counter();
        client.post("/api/v1/test/idempotency/plain-effects", effect(counter));
        client.post("/api/v1/test/idempotency/plain-effects", effect(counter));
        assertThat(EffectCounter.effects(counter)).isEqualTo(2);
    }

    @Test
    void sameKeyWithAnotherBodyIs409AndRunsNothing() {
        Http client = as(Role.AGENT).header("Idempotency-Key", key());
        String counter = counter();
        client.post(EFFECTS, effect(counter));

        var reused = client.post(EFFECTS, Map.of("counter", counter, "outcome", "reject"));

        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.contentType()).startsWith("application/problem+json");
        assertThat(reused.json().get("type").asString()).endsWith("idempotency-key-reused");
        assertThat(EffectCounter.effects(counter)).isEqualTo(1);
    }

    @Test
    void sameKeyOnAnotherPathIs409() {
        Http client = as(Role.AGENT).header("Idempotency-Key", key());
        String counter = counter();
        client.post(EFFECTS, effect(counter));

        var elsewhere = client.post("/api/v1/test/idempotency/other-effects", effect(counter));

        assertThat(elsewhere.status()).isEqualTo(409);
        assertThat(elsewhere.json().get("type").asString()).endsWith("idempotency-key-reused");
        assertThat(EffectCounter.effects(counter)).isEqualTo(1);
    }

    @Test
    void keysAreScopedPerCaller() {
        String key = key();
        String counter = counter();
        var alice = as(newUser(Role.AGENT)).header("Idempotency-Key", key).post(EFFECTS, effect(counter));
        var bob = as(newUser(Role.AGENT)).header("Idempotency-Key", key).post(EFFECTS, effect(counter));

        assertThat(alice.status()).isEqualTo(201);
        assertThat(bob.status()).isEqualTo(201);
        assertThat(bob.json().get("id").asString()).isNotEqualTo(alice.json().get("id").asString());
        assertThat(EffectCounter.effects(counter)).isEqualTo(2);
    }

    @Test
    void theSameUserThroughTwoApiKeysIsOneCaller() {
        var user = newUser(Role.AGENT);
        String key = key();
        String counter = counter();
        as(user).header("Idempotency-Key", key).post(EFFECTS, effect(counter));
        var again = as(user).header("Idempotency-Key", key).post(EFFECTS, effect(counter));
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(EffectCounter.effects(counter)).isEqualTo(1);
    }

    @Test
    void anAnonymousCallerGetsReplaysAndItsPathIsKeptOnlyAsAKeyedHash() {
        String key = key();
        String counter = counter();
        String path = "/api/v1/public/test/idempotency/effects/pay-token-" + Ids.randomToken(8);
        Http anonymous = http().header("Idempotency-Key", key);

        var first = anonymous.post(path, effect(counter));
        var second = anonymous.post(path, effect(counter));

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(EffectCounter.effects(counter)).isEqualTo(1);
        String stored = jdbc.sql("select path from idempotency_key where caller = 'anonymous' and idem_key = :key")
                .param("key", key).query(String.class).single();
        assertThat(stored).startsWith("hmac:").doesNotContain("pay-token");
    }

    @Test
    void fiftyConcurrentRequestsWithOneKeyHaveExactlyOneEffect() throws Exception {
        Http client = as(Role.AGENT).header("Idempotency-Key", key());
        String counter = counter();
        String gate = "gate-" + counter;
        EffectCounter.GATES.put(gate, new CountDownLatch(1));
        Map<String, String> body = Map.of("counter", counter, "gate", gate);

        List<Future<Http.Response>> responses = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                responses.add(pool.submit(() -> client.post(EFFECTS, body)));
            }
            // the one request that claimed the key waits at the gate; every other one must be answered meanwhile
            await().atMost(Duration.ofSeconds(45))
                    .until(() -> responses.stream().filter(Future::isDone).count() == 49);
            EffectCounter.GATES.get(gate).countDown();
        }

        List<Http.Response> answered = new ArrayList<>();
        for (Future<Http.Response> response : responses) {
            answered.add(response.get());
        }
        assertThat(answered).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(answered).filteredOn(r -> r.status() == 409).hasSize(49)
                .allSatisfy(r -> {
                    assertThat(r.json().get("type").asString()).endsWith("idempotency-key-in-progress");
                    assertThat(r.header("Retry-After")).isEqualTo("1");
                });
        assertThat(EffectCounter.effects(counter)).isEqualTo(1);

        var retry = client.post(EFFECTS, body);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(EffectCounter.effects(counter)).isEqualTo(1);
    }

    @Test
    void aServerErrorReleasesTheKeySoTheRetryRunsAgain() {
        Http client = as(Role.AGENT).header("Idempotency-Key", key());
        String counter = counter();
        Map<String, String> failing = Map.of("counter", counter, "outcome", "fail");

        assertThat(client.post(EFFECTS, failing).status()).isEqualTo(500);
        assertThat(client.post(EFFECTS, failing).status()).isEqualTo(500);

        assertThat(EffectCounter.effects(counter)).isEqualTo(2);
    }

    @Test
    void aClientErrorIsKeptAndReplayed() {
        Http client = as(Role.AGENT).header("Idempotency-Key", key());
        String counter = counter();
        Map<String, String> rejected = Map.of("counter", counter, "outcome", "reject");

        var first = client.post(EFFECTS, rejected);
        var second = client.post(EFFECTS, rejected);

        assertThat(first.status()).isEqualTo(422);
        assertThat(second.status()).isEqualTo(422);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.contentType()).isEqualTo(first.contentType()).startsWith("application/problem+json");
        assertThat(EffectCounter.effects(counter)).isEqualTo(1);
    }

    @Test
    void aMalformedBodyIsAClientErrorAndKeptToo() {
        Http client = as(Role.AGENT).header("Idempotency-Key", key());
        var first = client.postRaw(EFFECTS, "application/json", "{\"counter\": ");
        var second = client.postRaw(EFFECTS, "application/json", "{\"counter\": ");
        assertThat(first.status()).isEqualTo(400);
        assertThat(second.status()).isEqualTo(400);
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void aKeyOutsideTheAllowedShapeIs400NamingTheHeader() {
        String counter = counter();
        var tooLong = as(Role.AGENT).header("Idempotency-Key", "k".repeat(256)).post(EFFECTS, effect(counter));

        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
        assertThat(EffectCounter.effects(counter)).isZero();
        assertThat(as(Role.AGENT).header("Idempotency-Key", "k".repeat(255)).post(EFFECTS, effect(counter)).status()).isEqualTo(201);
    }

    @Test
    void aKeyOlderThan24HoursIsNewAgain() {
        Http client = as(Role.AGENT).header("Idempotency-Key", key());
        String counter = counter();
        client.post(EFFECTS, effect(counter));
        clock.advance(Duration.ofHours(23));
        assertThat(client.post(EFFECTS, effect(counter)).header("Idempotent-Replayed")).isEqualTo("true");

        clock.advance(Duration.ofHours(1).plusMinutes(1));
        var afterExpiry = client.post(EFFECTS, effect(counter));

        assertThat(afterExpiry.status()).isEqualTo(201);
        assertThat(afterExpiry.header("Idempotent-Replayed")).isNull();
        assertThat(EffectCounter.effects(counter)).isEqualTo(2);
    }

    @Test
    void thePurgeDeletesKeysOlderThan24HoursOnly() {
        var user = newUser(Role.AGENT);
        Http client = as(user);
        client.header("Idempotency-Key", key()).post(EFFECTS, effect(counter()));
        clock.advance(Duration.ofHours(24).plusMinutes(1));
        client.header("Idempotency-Key", key()).post(EFFECTS, effect(counter()));
        assertThat(keysOf(user.id())).isEqualTo(2);

        keys.purgeExpired();

        assertThat(keysOf(user.id())).isEqualTo(1);
    }

    private long keysOf(String caller) {
        return jdbc.sql("select count(*) from idempotency_key where caller = :caller").param("caller", caller)
                .query(Long.class).single();
    }
}
