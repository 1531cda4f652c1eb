package io.telepay.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.telepay.shared.Ids;
import io.telepay.testing.Http;
import org.junit.jupiter.api.Test;

/** Every order command honours Idempotency-Key: a retry gets the first answer and changes nothing more. */
class OrderIdempotencySystemTest extends OrderSystemTestSupport {

    private static String key() {
        return "order-test-" + Ids.randomToken(8);
    }

    @Test
    void aRetriedCreateGetsTheSameOrderAndMakesNoSecond() {
        Seller seller = seller();
        Map<String, Object> body = body(seller.customerId(), line(service("680.00", "TWD"), 2));
        Http keyed = seller.http().header("Idempotency-Key", key());

        var first = keyed.post(ORDERS, body);
        var retry = keyed.post(ORDERS, body);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
        assertThat(ordersOf(seller.customerId())).isOne();
        assertThat(auditEntries(first.json().get("id").asString(), "order.created")).isOne();
    }

    @Test
    void theSameKeyWithAnotherBodyIs409AndCreatesNothing() {
        Seller seller = seller();
        String sku = service("680.00", "TWD");
        Http keyed = seller.http().header("Idempotency-Key", key());
        assertThat(keyed.post(ORDERS, body(seller.customerId(), line(sku, 1))).status()).isEqualTo(201);
        var other = keyed.post(ORDERS, body(seller.customerId(), line(sku, 5)));
        assertProblem(other, 409);
        assertThat(other.json().get("type").asString()).endsWith("idempotency-key-reused");
        assertThat(ordersOf(seller.customerId())).isOne();
    }

    @Test
    void aRefusedCreateIsReplayedAsRefusedEvenAfterTheCauseIsGone() {
        Seller seller = seller();
        Http keyed = seller.http().header("Idempotency-Key", key());
        Map<String, Object> body = body(seller.customerId(), line("ORD-LATER-" + Ids.randomToken(3).toUpperCase(), 1));
        assertProblem(keyed.post(ORDERS, body), 422, "lines[0].sku");
        var retry = keyed.post(ORDERS, body);
        assertProblem(retry, 422, "lines[0].sku");
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void aRetriedConfirmationIsReplayedAndConfirmsOnce() {
        Seller seller = seller();
        String id = draft(seller);
        Http keyed = seller.http().header("Idempotency-Key", key());
        int ordersBefore = seller.http().get("/api/v1/customers/" + seller.customerId()).json().get("orderCount").asInt();

        var first = keyed.post(ORDERS + "/" + id + "/confirm", Map.of());
        var retry = keyed.post(ORDERS + "/" + id + "/confirm", Map.of());

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json().get("confirmedAt")).isEqualTo(first.json().get("confirmedAt"));
        assertThat(auditEntries(id, "order.confirmed")).isOne();
        assertThat(seller.http().get("/api/v1/customers/" + seller.customerId()).json().get("orderCount").asInt())
                .isEqualTo(ordersBefore + 1);

        var anotherKey = seller.http().header("Idempotency-Key", key()).post(ORDERS + "/" + id + "/confirm", Map.of());
        assertProblem(anotherKey, 409);
        assertThat(anotherKey.json().get("command").asString()).isEqualTo("CONFIRM");
    }

    @Test
    void retriedCancelsAndChangesAreReplayed() {
        Seller seller = seller();
        String sku = service("680.00", "TWD");
        String id = draft(seller, sku, 1);
        Http changeKey = seller.http().header("Idempotency-Key", key());
        Map<String, Object> change = Map.of("lines", List.of(line(sku, 3)));
        assertThat(OrderSystemTest.patch(changeKey, id, change).status()).isEqualTo(200);
        var changedAgain = OrderSystemTest.patch(changeKey, id, change);
        assertThat(changedAgain.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(auditEntries(id, "order.changed")).isOne();

        Http cancelKey = seller.http().header("Idempotency-Key", key());
        assertThat(cancelKey.post(ORDERS + "/" + id + "/cancel", Map.of("reason", "客戶改變主意")).status()).isEqualTo(200);
        var cancelledAgain = cancelKey.post(ORDERS + "/" + id + "/cancel", Map.of("reason", "客戶改變主意"));
        assertThat(cancelledAgain.status()).isEqualTo(200);
        assertThat(cancelledAgain.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(auditEntries(id, "order.cancelled")).isOne();
    }

    @Test
    void concurrentCreatesWithOneKeyMakeOneOrder() throws Exception {
        Seller seller = seller();
        Map<String, Object> body = body(seller.customerId(), line(service("680.00", "TWD"), 1));
        Http keyed = seller.http().header("Idempotency-Key", key());
        List<Integer> statuses = race(8, () -> keyed.post(ORDERS, body).status());
        assertThat(statuses).allMatch(status -> status == 201 || status == 409).contains(201);
        assertThat(ordersOf(seller.customerId())).isOne();
    }

    @Test
    void concurrentConfirmationsWithDifferentKeysConfirmOnce() throws Exception {
        Seller seller = seller();
        String id = draft(seller);
        List<Integer> statuses = race(6, () -> seller.http().header("Idempotency-Key", key())
                .post(ORDERS + "/" + id + "/confirm", Map.of()).status());
        assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(5);
        assertThat(auditEntries(id, "order.confirmed")).isOne();
        assertThat(jdbc.sql("select count(*) from customer_order where order_id = :id").param("id", id).query(Long.class).single()).isOne();
    }

    private static List<Integer> race(int requests, Callable<Integer> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                futures.add(pool.submit(request));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> future : futures) {
                statuses.add(future.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
