package io.telepay.gateway.stripe;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A Stripe-compatible server on loopback for the tests, answering with objects built from Stripe's own
 * examples ({@code stripe/fixtures3.json}, MIT). It keeps PaymentIntents, charges, refunds, disputes and
 * balance transactions like Stripe, decides by Stripe's test cards, replays an Idempotency-Key's first
 * answer (and refuses the key with other parameters), checks the secret key and the Stripe-Version
 * header, records every request for the tests to inspect, and injects faults: an answer that comes too
 * late (before or after processing), a 500, a broken connection, a key it no longer accepts. It never
 * prints what it receives: the requests hold card numbers.
 */
final class LocalStripe implements AutoCloseable {

    /**
     * Points a Stripe system test's context at this server and at a database of its own: a schema of the
     * suite's PostgreSQL database, or an in-memory H2 database. Its reconciler runs against Stripe and must not
     * settle the shared context's payments.
     */
    void register(DynamicPropertyRegistry registry, String database) {
        registry.add("telepay.gateway.stripe.api-base", this::base);
        String shared = System.getenv("TELEPAY_TEST_DB_URL");
        if (shared != null && shared.startsWith("jdbc:postgresql:")) {
            registry.add("spring.datasource.url", () -> shared + (shared.contains("?") ? "&" : "?") + "currentSchema=" + database);
            registry.add("spring.flyway.schemas", () -> database);
        } else {
            registry.add("spring.datasource.url", () -> "jdbc:h2:mem:telepay_" + database
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        }
    }


    static final String SECRET_KEY = "sk_test_telepay_local_0000";
    static final String WEBHOOK_SECRET = "whsec_telepay_local_new";
    static final String OLD_WEBHOOK_SECRET = "whsec_telepay_local_old";

    /** Stripe's test cards that this server treats specially; any other number is approved. */
    static final String DECLINED = "4000000000000002";
    static final String INSUFFICIENT_FUNDS = "4000000000009995";
    static final String THREE_D_SECURE = "4000002760003184";

    enum Fault { LATE_BEFORE_PROCESSING, LATE_AFTER_PROCESSING, SERVER_ERROR, CONNECTION_RESET }

    record Request(String method, String path, Map<String, String> params, Map<String, String> headers) {
        String param(String name) {
            return params.get(name);
        }
    }

    private record Stored(String fingerprint, int status, String body) {
    }

    private record Injected(Predicate<Request> when, Fault fault) {
    }

    private static final Gson GSON = new Gson();
    private final JsonObject fixtures;
    private final HttpServer server;
    private final Supplier<Instant> clock;
    private final long lateMillis;
    private final AtomicLong ids = new AtomicLong(1000);
    private final String run = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Stored> idempotent = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> intents = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> charges = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> refunds = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> checkoutSessions = new ConcurrentHashMap<>();
    private final List<JsonObject> balanceTransactions = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Injected> faults = new ConcurrentLinkedQueue<>();
    private volatile boolean keyRevoked;
    /** What went wrong inside this server: a test that sees one found a bug here, not in Telepay. */
    final List<RuntimeException> failures = new CopyOnWriteArrayList<>();

    /** @param lateMillis how late a late answer comes: more than the client's read timeout */
    LocalStripe(Supplier<Instant> clock, long lateMillis) {
        this.clock = clock;
        this.lateMillis = lateMillis;
        try (InputStream in = LocalStripe.class.getResourceAsStream("/stripe/fixtures3.json")) {
            fixtures = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject().getAsJsonObject("resources");
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ---- what the tests drive ----

    /** The next request that matches gets the fault (once). */
    void inject(Predicate<Request> when, Fault fault) {
        faults.add(new Injected(when, fault));
    }

    void clearFaults() {
        faults.clear();
    }

    /** From now on every request's key is refused (401), as after the key was rolled at Stripe. */
    void revokeKey(boolean revoked) {
        keyRevoked = revoked;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests to a path (no query) made with this Idempotency-Key or metadata value. */
    List<Request> requests(String method, String pathPrefix) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).toList();
    }

    Optional<JsonObject> intentOf(String telepayPayment) {
        return intents.values().stream()
                .filter(pi -> telepayPayment.equals(pi.getAsJsonObject("metadata").get(StripeGateway.METADATA_PAYMENT).getAsString()))
                .findFirst().map(JsonObject::deepCopy);
    }

    long intentCount(String telepayPayment) {
        return intents.values().stream()
                .filter(pi -> telepayPayment.equals(pi.getAsJsonObject("metadata").get(StripeGateway.METADATA_PAYMENT).getAsString()))
                .count();
    }

    List<JsonObject> refundsOf(String paymentIntent) {
        return refunds.values().stream().filter(r -> paymentIntent.equals(str(r, "payment_intent"))).map(JsonObject::deepCopy).toList();
    }

    /** A refund made on Stripe's dashboard, outside Telepay. */
    JsonObject refundOutside(String paymentIntent, long amount) {
        synchronized (this) {
            return refundLocked(intents.get(paymentIntent), amount, new JsonObject());
        }
    }

    /** A dispute of the PaymentIntent's charge, as Stripe's dispute object. */
    JsonObject dispute(String paymentIntent, long amount, String reason, String status) {
        JsonObject pi = intents.get(paymentIntent);
        JsonObject dispute = fixture("dispute");
        dispute.addProperty("id", id("du"));
        dispute.addProperty("amount", amount);
        dispute.addProperty("currency", str(pi, "currency"));
        dispute.addProperty("charge", str(pi, "latest_charge"));
        dispute.addProperty("payment_intent", paymentIntent);
        dispute.addProperty("reason", reason);
        dispute.addProperty("status", status);
        dispute.addProperty("created", now());
        return dispute;
    }

    JsonObject charge(String chargeId) {
        return charges.get(chargeId).deepCopy();
    }

    /** An event of the type around the object, shaped like Stripe's, as its JSON text. */
    String event(String type, JsonObject object) {
        JsonObject event = fixture("event");
        event.addProperty("id", id("evt"));
        event.addProperty("type", type);
        event.addProperty("api_version", com.stripe.Stripe.API_VERSION);
        event.addProperty("created", now());
        JsonObject data = new JsonObject();
        data.add("object", object);
        event.add("data", data);
        return GSON.toJson(event);
    }

    /** The Stripe-Signature header for the payload, signed at the time with the secret, as Stripe signs. */
    static String signature(String payload, String secret, long unixSeconds) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((unixSeconds + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the server ----

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Request request = read(exchange);
            requests.add(request);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (keyRevoked || !("Bearer " + SECRET_KEY).equals(authorization)) {
                answer(exchange, 401, error("invalid_request_error", null, null, "Invalid API Key provided: sk_test_****" + "0000", null));
                return;
            }
            if (!com.stripe.Stripe.API_VERSION.equals(exchange.getRequestHeaders().getFirst("Stripe-Version"))) {
                answer(exchange, 400, error("invalid_request_error", "api_version_invalid", null, "Unexpected Stripe-Version", null));
                return;
            }
            Fault fault = takeFault(request);
            if (fault == Fault.CONNECTION_RESET) {
                // no answer at all: the client sees the connection end
                exchange.getResponseBody().close();
                return;
            }
            if (fault == Fault.SERVER_ERROR) {
                answer(exchange, 500, error("api_error", null, null, "An unknown error occurred", null));
                return;
            }
            if (fault == Fault.LATE_BEFORE_PROCESSING) {
                sleep();
                return;
            }
            String key = request.headers().get("idempotency-key");
            Stored answer;
            try {
            if (key != null && request.method().equals("POST")) {
                String fingerprint = request.method() + " " + request.path() + " " + new java.util.TreeMap<>(request.params());
                synchronized (this) {
                    Stored first = idempotent.get(key);
                    if (first != null && !first.fingerprint().equals(fingerprint)) {
                        answer = new Stored(fingerprint, 400, error("idempotency_error", null, null,
                                "Keys for idempotent requests can only be used with the same parameters they were first used with.", null));
                    } else if (first != null) {
                        answer = first;
                    } else {
                        answer = process(request, fingerprint);
                        if (answer.status() < 500) {
                            idempotent.put(key, answer);
                        }
                    }
                }
            } else {
                synchronized (this) {
                    answer = process(request, null);
                }
            }
            } catch (RuntimeException e) {
                failures.add(e);
                answer(exchange, 500, error("api_error", null, null, "local server failure: " + e.getClass().getSimpleName(), null));
                return;
            }
            if (fault == Fault.LATE_AFTER_PROCESSING) {
                sleep();
                return;
            }
            answer(exchange, answer.status(), answer.body());
        }
    }

    private Fault takeFault(Request request) {
        for (Injected injected : faults) {
            if (injected.when().test(request) && faults.remove(injected)) {
                return injected.fault();
            }
        }
        return null;
    }

    private Stored process(Request request, String fingerprint) {
        String path = request.path();
        String method = request.method();
        Matcher m;
        if (method.equals("GET") && path.equals("/v1/balance")) {
            return ok(fingerprint, fixture("balance"));
        }
        if (method.equals("POST") && path.equals("/v1/checkout/sessions")) {
            return createCheckoutSession(request, fingerprint);
        }
        if ((m = Pattern.compile("/v1/checkout/sessions/([^/]+)(/expire)?").matcher(path)).matches()) {
            JsonObject session = checkoutSessions.get(m.group(1));
            if (session == null) {
                return new Stored(fingerprint, 404, error("invalid_request_error", "resource_missing", null, "No such checkout.session", null));
            }
            if (method.equals("GET")) {
                return ok(fingerprint, expandedSession(session, request));
            }
            if (!"open".equals(str(session, "status"))) {
                return new Stored(fingerprint, 400, error("invalid_request_error", "checkout_session_unexpected_state", null,
                        "Only Checkout Sessions with a status in [\"open\"] can be expired.", null));
            }
            session.addProperty("status", "expired");
            return ok(fingerprint, session);
        }
        if (method.equals("POST") && path.equals("/v1/payment_intents")) {
            return createIntent(request, fingerprint);
        }
        if (method.equals("GET") && path.equals("/v1/payment_intents/search")) {
            Matcher q = Pattern.compile("metadata\\['([a-z_]+)']:'([^']*)'").matcher(request.param("query"));
            JsonArray data = new JsonArray();
            if (q.find()) {
                intents.values().stream().filter(pi -> q.group(2).equals(str(pi.getAsJsonObject("metadata"), q.group(1))))
                        .forEach(pi -> data.add(pi.deepCopy()));
            }
            JsonObject result = new JsonObject();
            result.addProperty("object", "search_result");
            result.add("data", data);
            result.addProperty("has_more", false);
            result.addProperty("url", "/v1/payment_intents/search");
            return ok(fingerprint, result);
        }
        if ((m = Pattern.compile("/v1/payment_intents/([^/]+)(/capture|/cancel)?").matcher(path)).matches()) {
            JsonObject pi = intents.get(m.group(1));
            if (pi == null) {
                return new Stored(fingerprint, 404, error("invalid_request_error", "resource_missing", null, "No such payment_intent", null));
            }
            if (method.equals("GET")) {
                return ok(fingerprint, expanded(pi, request));
            }
            return "/capture".equals(m.group(2)) ? capture(pi, request, fingerprint) : cancel(pi, request, fingerprint);
        }
        if (method.equals("POST") && path.equals("/v1/refunds")) {
            JsonObject pi = intents.get(request.param("payment_intent"));
            if (pi == null) {
                return new Stored(fingerprint, 404, error("invalid_request_error", "resource_missing", null, "No such payment_intent", null));
            }
            long amount = Long.parseLong(request.param("amount"));
            JsonObject charge = charges.get(str(pi, "latest_charge"));
            if (charge == null || amount > charge.get("amount_captured").getAsLong() - charge.get("amount_refunded").getAsLong()) {
                return new Stored(fingerprint, 400, error("invalid_request_error", "charge_already_refunded", null,
                        "Refund amount is greater than unrefunded amount on charge", null));
            }
            JsonObject metadata = new JsonObject();
            request.params().forEach((k, v) -> {
                if (k.startsWith("metadata[")) {
                    metadata.addProperty(k.substring(9, k.length() - 1), v);
                }
            });
            return ok(fingerprint, refundLocked(pi, amount, metadata));
        }
        if (method.equals("GET") && path.equals("/v1/refunds")) {
            JsonArray data = new JsonArray();
            refunds.values().stream().filter(r -> str(r, "payment_intent").equals(request.param("payment_intent"))).forEach(data::add);
            return ok(fingerprint, list(data, "/v1/refunds"));
        }
        if (method.equals("GET") && (m = Pattern.compile("/v1/refunds/([^/]+)").matcher(path)).matches()) {
            JsonObject refund = refunds.get(m.group(1));
            return refund == null ? new Stored(fingerprint, 404, error("invalid_request_error", "resource_missing", null, "No such refund", null))
                    : ok(fingerprint, refund);
        }
        if (method.equals("GET") && path.equals("/v1/balance_transactions")) {
            long from = Long.parseLong(request.param("created[gte]"));
            long to = Long.parseLong(request.param("created[lt]"));
            boolean expand = "data.source".equals(request.param("expand[0]"));
            JsonArray data = new JsonArray();
            balanceTransactions.stream().filter(t -> t.get("created").getAsLong() >= from && t.get("created").getAsLong() < to)
                    .forEach(t -> {
                        JsonObject copy = t.deepCopy();
                        if (expand) {
                            String source = str(t, "source");
                            copy.add("source", (source.startsWith("ch_") ? charges.get(source) : refunds.get(source)).deepCopy());
                        }
                        data.add(copy);
                    });
            return ok(fingerprint, list(data, "/v1/balance_transactions"));
        }
        return new Stored(fingerprint, 404, error("invalid_request_error", "resource_missing", null, "Unrecognized request URL", null));
    }

    private Stored createIntent(Request request, String fingerprint) {
        String number = request.param("payment_method_data[card][number]");
        if (number == null || request.param("payment_method_data[card][cvc]") == null) {
            return new Stored(fingerprint, 400, error("invalid_request_error", "parameter_missing", null, "Missing card", null));
        }
        if (!"true".equals(request.param("confirm")) || !"true".equals(request.param("payment_method_options[card][moto]"))) {
            return new Stored(fingerprint, 400, error("invalid_request_error", "parameter_invalid", null, "expected a confirmed MOTO payment", null));
        }
        JsonObject pi = fixture("payment_intent");
        String id = id("pi");
        long amount = Long.parseLong(request.param("amount"));
        String currency = request.param("currency");
        boolean manual = "manual".equals(request.param("capture_method"));
        pi.addProperty("id", id);
        pi.addProperty("client_secret", id + "_secret_local");
        pi.addProperty("amount", amount);
        pi.addProperty("currency", currency);
        pi.addProperty("created", now());
        pi.addProperty("capture_method", manual ? "manual" : "automatic");
        pi.addProperty("confirmation_method", "automatic");
        pi.add("canceled_at", JsonNull.INSTANCE);
        for (String nulled : List.of("last_payment_error", "next_action", "processing", "automatic_payment_methods", "transfer_data",
                "payment_method_configuration_details", "managed_payments", "amount_details", "shipping")) {
            pi.add(nulled, JsonNull.INSTANCE);
        }
        JsonObject metadata = new JsonObject();
        request.params().forEach((k, v) -> {
            if (k.startsWith("metadata[")) {
                metadata.addProperty(k.substring(9, k.length() - 1), v);
            }
        });
        pi.add("metadata", metadata);
        JsonObject paymentMethod = paymentMethod(request, number);
        pi.addProperty("payment_method", str(paymentMethod, "id"));
        intents.put(id, pi);
        String decline = switch (number) {
            case DECLINED -> "generic_decline";
            case INSUFFICIENT_FUNDS -> "insufficient_funds";
            default -> null;
        };
        if (decline != null) {
            JsonObject charge = newCharge(pi, paymentMethod, amount, "failed");
            pi.addProperty("status", "requires_payment_method");
            pi.addProperty("latest_charge", str(charge, "id"));
            JsonObject lastError = GSON.fromJson(error("card_error", "card_declined", decline, "Your card was declined.", null), JsonObject.class)
                    .getAsJsonObject("error");
            pi.add("last_payment_error", lastError);
            return new Stored(fingerprint, 402, error("card_error", "card_declined", decline, "Your card was declined.", pi));
        }
        if (number.equals(THREE_D_SECURE)) {
            pi.addProperty("status", "requires_action");
            JsonObject next = new JsonObject();
            next.addProperty("type", "use_stripe_sdk");
            pi.add("next_action", next);
            pi.add("latest_charge", JsonNull.INSTANCE);
            return ok(fingerprint, expanded(pi, request));
        }
        JsonObject charge = newCharge(pi, paymentMethod, amount, "succeeded");
        pi.addProperty("latest_charge", str(charge, "id"));
        if (manual) {
            pi.addProperty("status", "requires_capture");
            pi.addProperty("amount_capturable", amount);
            pi.addProperty("amount_received", 0);
        } else {
            pi.addProperty("status", "succeeded");
            pi.addProperty("amount_capturable", 0);
            pi.addProperty("amount_received", amount);
            captured(charge, amount);
        }
        return ok(fingerprint, expanded(pi, request));
    }

    private Stored capture(JsonObject pi, Request request, String fingerprint) {
        if (!"requires_capture".equals(str(pi, "status"))) {
            return new Stored(fingerprint, 400, error("invalid_request_error", "payment_intent_unexpected_state", null,
                    "This PaymentIntent could not be captured because it has a status of " + str(pi, "status") + ".", pi));
        }
        long amount = request.param("amount_to_capture") == null ? pi.get("amount").getAsLong() : Long.parseLong(request.param("amount_to_capture"));
        if (amount > pi.get("amount_capturable").getAsLong()) {
            return new Stored(fingerprint, 400, error("invalid_request_error", "amount_too_large", null, "The amount to capture is too large", pi));
        }
        pi.addProperty("status", "succeeded");
        pi.addProperty("amount_received", amount);
        pi.addProperty("amount_capturable", 0);
        captured(charges.get(str(pi, "latest_charge")), amount);
        return ok(fingerprint, expanded(pi, request));
    }

    private Stored cancel(JsonObject pi, Request request, String fingerprint) {
        String status = str(pi, "status");
        if (!status.equals("requires_capture") && !status.equals("requires_action") && !status.equals("requires_payment_method")) {
            return new Stored(fingerprint, 400, error("invalid_request_error", "payment_intent_unexpected_state", null,
                    "You cannot cancel this PaymentIntent because it has a status of " + status + ".", pi));
        }
        pi.addProperty("status", "canceled");
        pi.addProperty("canceled_at", now());
        pi.addProperty("cancellation_reason", request.param("cancellation_reason"));
        pi.addProperty("amount_capturable", 0);
        return ok(fingerprint, expanded(pi, request));
    }

    private JsonObject paymentMethod(Request request, String number) {
        return paymentMethod(number, Integer.parseInt(request.param("payment_method_data[card][exp_month]")),
                Integer.parseInt(request.param("payment_method_data[card][exp_year]")));
    }

    private JsonObject paymentMethod(String number, int expMonth, int expYear) {
        JsonObject pm = fixture("payment_method");
        pm.addProperty("id", id("pm"));
        JsonObject card = pm.getAsJsonObject("card");
        card.addProperty("brand", number.startsWith("4") ? "visa" : number.startsWith("62") ? "unionpay" : "mastercard");
        card.addProperty("last4", number.substring(number.length() - 4));
        card.addProperty("exp_month", expMonth);
        card.addProperty("exp_year", expYear);
        card.addProperty("fingerprint", fingerprint(number));
        card.addProperty("country", number.startsWith("62") ? "CN" : "TW");
        card.addProperty("funding", "credit");
        return pm;
    }

    private JsonObject newCharge(JsonObject pi, JsonObject paymentMethod, long amount, String status) {
        JsonObject charge = fixture("charge");
        String id = id("ch");
        charge.addProperty("id", id);
        charge.addProperty("amount", amount);
        charge.addProperty("amount_captured", 0);
        charge.addProperty("amount_refunded", 0);
        charge.addProperty("captured", false);
        charge.addProperty("currency", str(pi, "currency"));
        charge.addProperty("created", now());
        charge.addProperty("payment_intent", str(pi, "id"));
        charge.addProperty("payment_method", str(paymentMethod, "id"));
        charge.addProperty("status", status);
        charge.addProperty("paid", status.equals("succeeded"));
        charge.add("balance_transaction", JsonNull.INSTANCE);
        // Stripe copies the PaymentIntent's metadata onto its charges
        charge.add("metadata", pi.getAsJsonObject("metadata").deepCopy());
        for (String nulled : List.of("source", "transfer_data", "refunds", "shipping", "review", "fraud_details", "billing_details")) {
            charge.add(nulled, JsonNull.INSTANCE);
        }
        JsonObject card = charge.getAsJsonObject("payment_method_details").getAsJsonObject("card");
        JsonObject pmCard = paymentMethod.getAsJsonObject("card");
        for (String field : List.of("brand", "last4", "exp_month", "exp_year", "fingerprint", "country", "funding")) {
            card.add(field, pmCard.get(field));
        }
        card.add("wallet", JsonNull.INSTANCE);
        charges.put(id, charge);
        return charge;
    }

    /** The charge's money moved: captured, with a balance transaction and Stripe's fee (3.4% + 10 units, rounded). */
    private void captured(JsonObject charge, long amount) {
        charge.addProperty("captured", true);
        charge.addProperty("amount_captured", amount);
        JsonObject transaction = balanceTransaction("charge", str(charge, "id"), amount, str(charge, "currency"),
                Math.round(amount * 0.034) + 10);
        charge.addProperty("balance_transaction", str(transaction, "id"));
    }

    private JsonObject refundLocked(JsonObject pi, long amount, JsonObject metadata) {
        JsonObject charge = charges.get(str(pi, "latest_charge"));
        JsonObject refund = fixture("refund");
        String id = id("re");
        refund.addProperty("id", id);
        refund.addProperty("amount", amount);
        refund.addProperty("currency", str(pi, "currency"));
        refund.addProperty("charge", str(charge, "id"));
        refund.addProperty("payment_intent", str(pi, "id"));
        refund.addProperty("created", now());
        refund.addProperty("status", "succeeded");
        refund.add("metadata", metadata);
        refund.add("destination_details", JsonNull.INSTANCE);
        JsonObject transaction = balanceTransaction("refund", id, -amount, str(pi, "currency"), 0);
        refund.addProperty("balance_transaction", str(transaction, "id"));
        refunds.put(id, refund);
        charge.addProperty("amount_refunded", charge.get("amount_refunded").getAsLong() + amount);
        charge.addProperty("refunded", charge.get("amount_refunded").getAsLong() >= charge.get("amount_captured").getAsLong());
        return refund;
    }

    private JsonObject balanceTransaction(String type, String source, long amount, String currency, long fee) {
        JsonObject transaction = fixture("balance_transaction");
        transaction.addProperty("id", id("txn"));
        transaction.addProperty("type", type);
        transaction.addProperty("reporting_category", type);
        transaction.addProperty("source", source);
        transaction.addProperty("amount", amount);
        transaction.addProperty("currency", currency);
        transaction.addProperty("fee", fee);
        transaction.addProperty("net", amount - fee);
        transaction.addProperty("created", now());
        transaction.addProperty("available_on", now() + 2 * 86400);
        transaction.addProperty("status", "pending");
        transaction.add("fee_details", new JsonArray());
        balanceTransactions.add(transaction);
        return transaction;
    }

    private JsonObject expanded(JsonObject pi, Request request) {
        JsonObject copy = pi.deepCopy();
        boolean expand = request.params().entrySet().stream().anyMatch(e -> e.getKey().startsWith("expand[") && e.getValue().equals("latest_charge"));
        if (expand && pi.get("latest_charge") != null && !pi.get("latest_charge").isJsonNull()) {
            copy.add("latest_charge", charges.get(str(pi, "latest_charge")).deepCopy());
        }
        return copy;
    }

    // ---- Checkout ----

    /** A Checkout Session as Stripe makes it from Telepay's request: mode payment, priced lines, an expiry 30 min .. 24 h on. */
    private Stored createCheckoutSession(Request request, String fingerprint) {
        if (!"payment".equals(request.param("mode")) || request.param("success_url") == null) {
            return new Stored(fingerprint, 400, error("invalid_request_error", "parameter_missing", null, "mode=payment and success_url", null));
        }
        long now = now();
        long expiresAt = Long.parseLong(request.param("expires_at"));
        if (expiresAt < now + 1800 || expiresAt > now + 86400) {
            return new Stored(fingerprint, 400, error("invalid_request_error", "parameter_invalid_integer", null,
                    "The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.", null));
        }
        long total = 0;
        String currency = null;
        JsonArray lines = new JsonArray();
        for (int i = 0; request.param("line_items[" + i + "][quantity]") != null; i++) {
            String prefix = "line_items[" + i + "][price_data]";
            long unit = Long.parseLong(request.param(prefix + "[unit_amount]"));
            long quantity = Long.parseLong(request.param("line_items[" + i + "][quantity]"));
            currency = request.param(prefix + "[currency]");
            String name = request.param(prefix + "[product_data][name]");
            if (name == null || name.isBlank()) {
                return new Stored(fingerprint, 400, error("invalid_request_error", "parameter_missing", null, "product_data[name]", null));
            }
            total += unit * quantity;
            JsonObject line = new JsonObject();
            line.addProperty("name", name);
            line.addProperty("unit_amount", unit);
            line.addProperty("quantity", quantity);
            lines.add(line);
        }
        if (lines.isEmpty()) {
            return new Stored(fingerprint, 400, error("invalid_request_error", "parameter_missing", null, "line_items", null));
        }
        JsonObject session = fixture("checkout.session");
        String id = "cs_test_" + id("local");
        session.addProperty("id", id);
        session.addProperty("url", "https://checkout.stripe.com/c/pay/" + id);
        session.addProperty("created", now);
        session.addProperty("expires_at", expiresAt);
        session.addProperty("amount_subtotal", total);
        session.addProperty("amount_total", total);
        session.addProperty("currency", currency);
        session.addProperty("status", "open");
        session.addProperty("payment_status", "unpaid");
        session.add("payment_intent", JsonNull.INSTANCE);
        session.addProperty("client_reference_id", request.param("client_reference_id"));
        session.addProperty("customer_email", request.param("customer_email"));
        session.addProperty("success_url", request.param("success_url"));
        session.add("cancel_url", JsonNull.INSTANCE);
        session.add("metadata", prefixed(request, "metadata["));
        for (String nulled : List.of("shipping_cost", "total_details", "currency_conversion", "shipping_address_collection",
                "collected_information", "after_expiration", "payment_method_configuration_details", "customer_details")) {
            session.add(nulled, JsonNull.INSTANCE);
        }
        // what Stripe keeps of the request for the PaymentIntent it makes when the customer pays; not part of its shape
        JsonObject intentData = new JsonObject();
        intentData.addProperty("capture_method", request.param("payment_intent_data[capture_method]"));
        intentData.add("metadata", prefixed(request, "payment_intent_data[metadata]["));
        intentData.add("lines", lines);
        checkoutIntentData.put(id, intentData);
        checkoutSessions.put(id, session);
        return ok(fingerprint, session);
    }

    private final Map<String, JsonObject> checkoutIntentData = new ConcurrentHashMap<>();

    private static JsonObject prefixed(Request request, String prefix) {
        JsonObject values = new JsonObject();
        request.params().forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                values.addProperty(k.substring(prefix.length(), k.length() - 1), v);
            }
        });
        return values;
    }

    /** The Checkout Session Telepay opened for its payment session. */
    Optional<JsonObject> checkoutSessionOf(String telepaySession) {
        return checkoutSessions.values().stream().filter(s -> telepaySession.equals(str(s, "client_reference_id")))
                .findFirst().map(JsonObject::deepCopy);
    }

    JsonObject checkoutSession(String id) {
        return checkoutSessions.get(id).deepCopy();
    }

    /** The lines, capture method and PaymentIntent metadata Telepay asked for. */
    JsonObject checkoutIntentData(String id) {
        return checkoutIntentData.get(id).deepCopy();
    }

    JsonObject intent(String id) {
        return intents.get(id).deepCopy();
    }

    /**
     * The customer types a card on Stripe's Checkout page. Declined cards leave the session open and answer the
     * failed PaymentIntent; any other card completes the session (paid, or its authorization held when Telepay asked
     * for a manual capture) and answers the session.
     */
    synchronized JsonObject payCheckout(String id, String number) {
        JsonObject session = checkoutSessions.get(id);
        JsonObject data = checkoutIntentData.get(id);
        if (!"open".equals(str(session, "status"))) {
            throw new IllegalStateException("checkout session " + id + " is " + str(session, "status"));
        }
        JsonObject pi = fixture("payment_intent");
        String piId = id("pi");
        long amount = session.get("amount_total").getAsLong();
        boolean manual = "manual".equals(str(data, "capture_method"));
        pi.addProperty("id", piId);
        pi.addProperty("client_secret", piId + "_secret_local");
        pi.addProperty("amount", amount);
        pi.addProperty("currency", str(session, "currency"));
        pi.addProperty("created", now());
        pi.addProperty("capture_method", manual ? "manual" : "automatic");
        pi.addProperty("confirmation_method", "automatic");
        pi.add("canceled_at", JsonNull.INSTANCE);
        for (String nulled : List.of("last_payment_error", "next_action", "processing", "automatic_payment_methods", "transfer_data",
                "payment_method_configuration_details", "managed_payments", "amount_details", "shipping")) {
            pi.add(nulled, JsonNull.INSTANCE);
        }
        pi.add("metadata", data.getAsJsonObject("metadata").deepCopy());
        JsonObject paymentMethod = paymentMethod(number, 12, 2039);
        pi.addProperty("payment_method", str(paymentMethod, "id"));
        intents.put(piId, pi);
        String decline = switch (number) {
            case DECLINED -> "generic_decline";
            case INSUFFICIENT_FUNDS -> "insufficient_funds";
            default -> null;
        };
        if (decline != null) {
            JsonObject charge = newCharge(pi, paymentMethod, amount, "failed");
            pi.addProperty("status", "requires_payment_method");
            pi.addProperty("latest_charge", str(charge, "id"));
            pi.add("last_payment_error", GSON.fromJson(error("card_error", "card_declined", decline, "Your card was declined.", null),
                    JsonObject.class).getAsJsonObject("error"));
            return pi.deepCopy();
        }
        JsonObject charge = newCharge(pi, paymentMethod, amount, "succeeded");
        pi.addProperty("latest_charge", str(charge, "id"));
        if (manual) {
            pi.addProperty("status", "requires_capture");
            pi.addProperty("amount_capturable", amount);
            pi.addProperty("amount_received", 0);
        } else {
            pi.addProperty("status", "succeeded");
            pi.addProperty("amount_capturable", 0);
            pi.addProperty("amount_received", amount);
            captured(charge, amount);
        }
        session.addProperty("status", "complete");
        session.addProperty("payment_status", manual ? "unpaid" : "paid");
        session.addProperty("payment_intent", piId);
        return session.deepCopy();
    }

    /** From now on the session's PaymentIntent is only authorized when paid, as for {@code capture_method=manual}. */
    void holdWhenPaid(String id) {
        checkoutIntentData.get(id).addProperty("capture_method", "manual");
    }

    /** Stripe expires an open session at its expires_at. */
    synchronized JsonObject expireCheckout(String id) {
        JsonObject session = checkoutSessions.get(id);
        session.addProperty("status", "expired");
        return session.deepCopy();
    }

    private JsonObject expandedSession(JsonObject session, Request request) {
        JsonObject copy = session.deepCopy();
        boolean intent = request.params().entrySet().stream().anyMatch(e -> e.getKey().startsWith("expand[") && e.getValue().equals("payment_intent"));
        boolean charge = request.params().entrySet().stream()
                .anyMatch(e -> e.getKey().startsWith("expand[") && e.getValue().equals("payment_intent.latest_charge"));
        String piId = str(session, "payment_intent");
        if (intent && piId != null) {
            JsonObject pi = intents.get(piId).deepCopy();
            if (charge && str(pi, "latest_charge") != null) {
                pi.add("latest_charge", charges.get(str(pi, "latest_charge")).deepCopy());
            }
            copy.add("payment_intent", pi);
        }
        return copy;
    }

    // ---- plumbing ----

    private Request read(HttpExchange exchange) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        decode(exchange.getRequestURI().getRawQuery(), params);
        decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), params);
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.getFirst()));
        return new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), params, headers);
    }

    private static void decode(String form, Map<String, String> into) {
        if (form == null || form.isEmpty()) {
            return;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            into.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
    }

    private void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Request-Id", id("req"));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private Stored ok(String fingerprint, JsonObject object) {
        return new Stored(fingerprint, 200, GSON.toJson(object));
    }

    private static JsonObject list(JsonArray data, String url) {
        JsonObject list = new JsonObject();
        list.addProperty("object", "list");
        list.add("data", data);
        list.addProperty("has_more", false);
        list.addProperty("url", url);
        return list;
    }

    private static String error(String type, String code, String declineCode, String message, JsonObject paymentIntent) {
        JsonObject error = new JsonObject();
        error.addProperty("type", type);
        error.addProperty("message", message);
        if (code != null) {
            error.addProperty("code", code);
        }
        if (declineCode != null) {
            error.addProperty("decline_code", declineCode);
        }
        if (paymentIntent != null) {
            error.add("payment_intent", paymentIntent.deepCopy());
        }
        JsonObject body = new JsonObject();
        body.add("error", error);
        return GSON.toJson(body);
    }

    private JsonObject fixture(String name) {
        return fixtures.getAsJsonObject(name).deepCopy();
    }

    private String id(String prefix) {
        // unique across runs too: a PostgreSQL schema outlives the run, and Stripe's ids are unique keys in Telepay's tables
        return prefix + "_local" + run + ids.incrementAndGet();
    }

    private long now() {
        return clock.get().getEpochSecond();
    }

    private void sleep() {
        try {
            Thread.sleep(lateMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String str(JsonObject object, String field) {
        JsonElement value = object.get(field);
        return value == null || value.isJsonNull() ? null : value.getAsString();
    }

    static String fingerprint(String number) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(("local-stripe:" + number).getBytes(StandardCharsets.UTF_8));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
