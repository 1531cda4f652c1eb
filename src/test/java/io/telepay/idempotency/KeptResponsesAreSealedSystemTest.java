package io.telepay.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.telepay.testing.Http;
import io.telepay.testing.Sales;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;

/**
 * The response an Idempotency-Key keeps for 24 hours is sealed: a pay session's answer holds the pay link,
 * which pays the order, and must not be readable in the table; a replay still answers it exactly.
 */
class KeptResponsesAreSealedSystemTest extends SystemTest {

    @Test
    void thePayLinkIsNotKeptInClearAndTheReplayStillAnswersIt() {
        Sales.Sale sale = new Sales(this).confirmedOrder("640.00", "TWD");
        String key = "session-" + sale.orderId();
        Http agent = sale.asAgent().header("Idempotency-Key", key);
        String path = "/api/v1/orders/" + sale.orderId() + "/payment-sessions";
        var first = agent.post(path, Map.of("channel", "LINK"));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        String payUrl = first.json().get("payUrl").asString();
        String token = payUrl.substring(payUrl.lastIndexOf('/') + 1);

        List<byte[]> kept = jdbc.sql("select response_body from idempotency_key where idem_key = :key")
                .param("key", key).query((rs, n) -> rs.getBytes(1)).list();
        assertThat(kept).hasSize(1);
        String stored = new String(kept.getFirst(), StandardCharsets.ISO_8859_1);
        assertThat(stored).doesNotContain(token).doesNotContain("payUrl").doesNotContain(sale.orderId());

        var replay = agent.post(path, Map.of("channel", "LINK"));
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.body()).isEqualTo(first.body());
    }
}
