package io.telepay.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.time.Duration;

import io.telepay.console.ConsolePageSupport;
import io.telepay.shared.Role;
import io.telepay.testing.ConsoleSession;
import io.telepay.testing.Http;
import io.telepay.testing.Sales;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * "Bad input gets a clear error and loses nothing", across the whole API: every operation the served
 * OpenAPI document lists (plus the pay page and the webhook console pages) receives malformed JSON, an
 * array for an object, wrong types and hostile values in each declared field, unknown and hostile ids
 * in its path and bad query parameters — as an administrator, and the cheap kinds once more as an agent.
 * Every answer must be below 500; a 4xx must be problem+json with a title and a status; no answer may
 * show an exception, a stack frame, a framework or SQL name.
 *
 * <p>One dynamic test per operation; all failures of the run are printed together at the end (and written
 * to {@code target/hostile-input-failures.txt}) as {@code METHOD path kind -> status body}.
 */
class HostileInputSystemTest extends ConsolePageSupport {

    /**
     * Failures inside {@code io.telepay.payment} and {@code io.telepay.risk} found while those packages were
     * being edited elsewhere; each is described with its cause and the proposed fix in notes-fuzz.md.
     * The lead empties this list once they are fixed; an entry that passes again is reported as such.
     * Keys are {@code METHOD /path/template kind}, exactly as the failure list prints them.
     */
    static final Set<String> KNOWN_UNTIL_PAYMENT_AND_RISK_FIXES = Set.of(
    );

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> LEAKS = List.of("Exception", "at io.", "org.springframework", "SQL", "jdbc",
            "java.lang", "Caused by");
    private static final String LONG = "x".repeat(10_000);
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");
    private static final Pattern NAMED_WHEN_REFUSED = Pattern.compile("(?:field|query) ([\\w.]+)=(?:nul|number-for-\\w+)");

    private static final List<String> FAILURES = Collections.synchronizedList(new ArrayList<>());
    private static final Set<String> KNOWN_SEEN = Collections.synchronizedSet(new TreeSet<>());
    private static final Set<String> KNOWN_NOW_PASSING = Collections.synchronizedSet(new TreeSet<>());
    private static final int[] REQUESTS = {0};
    private static final Map<Integer, Integer> STATUSES = new java.util.concurrent.ConcurrentSkipListMap<>();
    private static final Set<String> STORE_ONLY = Collections.synchronizedSet(new TreeSet<>());
    private static final ExecutorService POOL = Executors.newFixedThreadPool(4);

    private final Sales sales = new Sales(this);

    /** A real id per collection name (the path segment before the variable), so requests reach the handlers. */
    private final Map<String, String> realIds = new LinkedHashMap<>();

    record Operation(String method, String template, JsonNode operation, JsonNode bodySchema) {
        String name() {
            return method + " " + template;
        }
    }

    record Probe(String kind, String path, String body) {
    }

    @TestFactory
    Stream<DynamicTest> everyOperationAnswersHostileInputWithAProblem() {
        var docs = as(Role.ADMIN).get("/v3/api-docs");
        assertThat(docs.status()).as(docs.toString()).isEqualTo(200);
        JsonNode openApi = docs.json();
        prepareRealIds();

        Http admin = as(Role.ADMIN);
        Http agent = as(newUser(Role.AGENT));
        List<Operation> operations = operations(openApi);
        operations.add(new Operation("POST", "/pay/{token}", NODES.objectNode(), payBodySchema()));
        assertThat(operations.size()).as("operations in the OpenAPI document").isGreaterThan(50);

        List<DynamicTest> tests = new ArrayList<>();
        for (Operation op : operations) {
            tests.add(DynamicTest.dynamicTest(op.name(), () -> check(op, probes(op, openApi, true), admin, "admin")));
        }
        tests.add(DynamicTest.dynamicTest("every operation as an AGENT (bodies, ids, queries)", () -> {
            List<String> failures = new ArrayList<>();
            List<String> known = new ArrayList<>();
            for (Operation op : operations) {
                run(op, probes(op, openApi, false), agent, "agent", failures, known);
            }
            conclude(failures, known);
        }));
        tests.add(DynamicTest.dynamicTest("console webhook pages", this::consoleWebhookPages));
        return tests.stream();
    }

    @AfterAll
    static void printFailures() throws IOException {
        POOL.shutdownNow();
        StringBuilder report = new StringBuilder();
        report.append("HostileInputSystemTest: ").append(REQUESTS[0]).append(" requests, ")
                .append(FAILURES.size()).append(" failures, ").append(KNOWN_SEEN.size()).append(" known (payment/risk)\n")
                .append("  statuses: ").append(STATUSES).append('\n');
        List<String> sorted = new ArrayList<>(FAILURES);
        Collections.sort(sorted);
        sorted.forEach(f -> report.append("  FAIL ").append(f).append('\n'));
        STORE_ONLY.forEach(k -> report.append("  NOTE only the database refused (PostgreSQL), no field named: ").append(k).append('\n'));
        KNOWN_SEEN.forEach(k -> report.append("  KNOWN ").append(k).append('\n'));
        KNOWN_NOW_PASSING.forEach(k -> report.append("  NOW PASSING, remove from KNOWN_UNTIL_PAYMENT_AND_RISK_FIXES: ").append(k).append('\n'));
        System.out.println(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/hostile-input-failures.txt"), report);
    }

    // ---- the probes ---------------------------------------------------------------------------------

    private List<Probe> probes(Operation op, JsonNode openApi, boolean everyField) {
        List<Probe> probes = new ArrayList<>();
        String realPath = fill(op.template(), null, null);
        ObjectNode sample = op.bodySchema() == null ? null : (ObjectNode) sample(op.bodySchema(), openApi, 0);
        String sampleBody = sample == null ? null : sample.toString();

        // unknown and hostile ids in each path variable
        Matcher vars = VARIABLE.matcher(op.template());
        while (vars.find()) {
            String variable = vars.group(1);
            for (Map.Entry<String, String> id : hostileIds().entrySet()) {
                probes.add(new Probe("path " + variable + "=" + id.getKey(), fill(op.template(), variable, id.getValue()), sampleBody));
            }
        }
        // bad query parameters
        for (JsonNode parameter : op.operation().path("parameters")) {
            if (!"query".equals(parameter.path("in").asString())) {
                continue;
            }
            String name = parameter.path("name").asString();
            JsonNode schema = resolve(parameter.path("schema"), openApi);
            for (Map.Entry<String, String> value : badQueryValues(name, schema).entrySet()) {
                probes.add(new Probe("query " + name + "=" + value.getKey(),
                        realPath + "?" + name + "=" + URLEncoder.encode(value.getValue(), StandardCharsets.UTF_8), sampleBody));
            }
        }
        if (op.bodySchema() == null) {
            return probes;
        }
        // the body as a whole
        probes.add(new Probe("body malformed-json", realPath, "{\"a\": "));
        probes.add(new Probe("body array", realPath, "[" + sampleBody + "]"));
        probes.add(new Probe("body string", realPath, "\"hello\""));
        probes.add(new Probe("body nul-bytes", realPath, "{\"\u0000\": \"\u0000\"}"));
        probes.add(new Probe("body empty", realPath, ""));
        if (!everyField) {
            return probes;
        }
        probes.add(new Probe("body empty-object", realPath, "{}"));
        // each declared field, one at a time, in an otherwise plausible body
        JsonNode schema = resolve(op.bodySchema(), openApi);
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            JsonNode fieldSchema = resolve(property.getValue(), openApi);
            for (Map.Entry<String, JsonNode> value : hostileValues(fieldSchema, openApi).entrySet()) {
                ObjectNode body = sample.deepCopy();
                body.set(property.getKey(), value.getValue());
                probes.add(new Probe("field " + property.getKey() + "=" + value.getKey(), realPath, body.toString()));
            }
        }
        // each field alone with a JSON type it can never take: reading the body fails on it, so the 400 must name it
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            String type = isMoney(resolve(property.getValue(), openApi)) ? "object" : typeOf(resolve(property.getValue(), openApi));
            Map<String, JsonNode> wrong = new LinkedHashMap<>();
            switch (type) {
                case "object" -> wrong.put("array", NODES.arrayNode().add(1));
                case "array" -> wrong.put("object", NODES.objectNode().put("x", 1));
                default -> {
                    wrong.put("object", NODES.objectNode().put("x", 1));
                    wrong.put("array", NODES.arrayNode().add(1));
                }
            }
            wrong.put("declared", sample.get(property.getKey()));
            for (Map.Entry<String, JsonNode> value : wrong.entrySet()) {
                ObjectNode body = NODES.objectNode();
                body.set(property.getKey(), value.getValue());
                probes.add(new Probe("alone " + property.getKey() + "=" + value.getKey(), realPath, body.toString()));
            }
        }
        return probes;
    }

    private static Map<String, String> hostileIds() {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("unknown", "pay_nosuch");
        ids.put("traversal", "..%2F..%2Fetc%2Fpasswd");
        ids.put("dots", "..");
        ids.put("long", "id_" + "z".repeat(3_000));
        ids.put("nul", "a%00b");
        ids.put("rtl", URLEncoder.encode("\u202Egnp.exe", StandardCharsets.UTF_8));
        ids.put("quote", URLEncoder.encode("x' OR '1'='1", StandardCharsets.UTF_8));
        return ids;
    }

    private static Map<String, String> badQueryValues(String name, JsonNode schema) {
        Map<String, String> values = new LinkedHashMap<>();
        String type = schema.path("type").asString("");
        String format = schema.path("format").asString("");
        if (type.equals("integer") || type.equals("number")) {
            values.put("negative", "-1");
            values.put("text", "abc");
            values.put("huge", "99999999999999999999999");
            values.put("float", "1.5");
        } else if (format.equals("date") || format.equals("date-time") || name.matches("from|to|since|until|before|after|date|day")) {
            values.put("notadate", "notadate");
            values.put("huge-year", "99999-01-01");
        } else if (schema.has("enum")) {
            values.put("unknown-enum", "NOSUCH");
        } else if (type.equals("boolean")) {
            values.put("not-boolean", "maybe");
        } else {
            values.put("long", "q".repeat(4_000));
            values.put("nul", "a\u0000b");
            values.put("rtl", "\u202Eabc");
        }
        if (name.equals("limit") || name.equals("size")) {
            values.put("negative", "-1");
            values.put("text", "abc");
            values.put("zero", "0");
            values.put("huge", "99999999999");
        }
        return values;
    }

    private Map<String, JsonNode> hostileValues(JsonNode schema, JsonNode openApi) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        String type = typeOf(schema);
        values.put("object", NODES.objectNode().put("x", 1));
        values.put("array", NODES.arrayNode().add("x"));
        values.put("null", NODES.nullNode());
        if (isMoney(schema)) {
            values.put("negative-amount", money("-1.00", "TWD"));
            values.put("float-amount", NODES.objectNode().put("amount", 1.5).put("currency", "TWD"));
            values.put("too-many-decimals", money("1.555", "TWD"));
            values.put("huge-amount", money("99999999999999999999999999.00", "TWD"));
            values.put("exponent-amount", money("1e400", "TWD"));
            values.put("text-amount", money("abc", "TWD"));
            values.put("unknown-currency", money("1.00", "XXY"));
            values.put("lowercase-currency", money("1.00", "twd"));
            values.put("long-currency", money("1.00", LONG));
            values.put("amount-only", NODES.objectNode().put("amount", "1.00"));
            values.put("string", NODES.stringNode("199.00 TWD"));
            values.put("number", NODES.numberNode(199));
            return values;
        }
        switch (type) {
            case "integer", "number" -> {
                values.put("string", NODES.stringNode("abc"));
                values.put("negative", NODES.numberNode(-1));
                values.put("float", NODES.numberNode(1.5));
                values.put("huge", NODES.numberNode(new java.math.BigInteger("99999999999999999999999999999")));
                values.put("boolean", NODES.booleanNode(true));
            }
            case "boolean" -> {
                values.put("string", NODES.stringNode("maybe"));
                values.put("number-for-boolean", NODES.numberNode(2));
            }
            case "array" -> {
                values.put("string", NODES.stringNode("abc"));
                values.put("number", NODES.numberNode(42));
                values.put("array-of-arrays", NODES.arrayNode().add(NODES.arrayNode().add(1)));
                values.put("array-of-nulls", NODES.arrayNode().addNull());
                ArrayNode many = NODES.arrayNode();
                for (int i = 0; i < 2_000; i++) {
                    many.add(sample(resolve(schema.path("items"), openApi), openApi, 1));
                }
                values.put("2000-items", many);
            }
            case "object" -> {
                values.put("string", NODES.stringNode("abc"));
                values.put("number", NODES.numberNode(42));
            }
            default -> {
                // a number for text or for a time (not read as seconds since 1970) is refused naming the field; a bare
                // date (format "date") still reads a number as a day count, Jackson's leniency
                boolean date = schema.path("format").asString("").equals("date");
                values.put(date ? "number" : "number-for-text", NODES.numberNode(12345));
                values.put("huge-number", NODES.numberNode(new java.math.BigInteger("99999999999999999999999999999")));
                values.put("boolean", NODES.booleanNode(false));
                values.put("long", NODES.stringNode(LONG));
                values.put("nul", NODES.stringNode("a\u0000b"));
                values.put("rtl", NODES.stringNode("\u202Eexe.gnp"));
                values.put("blank", NODES.stringNode("   "));
                values.put("unknown-enum", NODES.stringNode("NOSUCH"));
                values.put("notadate", NODES.stringNode("notadate"));
                values.put("currency-like", NODES.stringNode("XXY"));
            }
        }
        return values;
    }

    private static ObjectNode money(String amount, String currency) {
        return NODES.objectNode().put("amount", amount).put("currency", currency);
    }

    // ---- sending and judging -------------------------------------------------------------------------

    private void check(Operation op, List<Probe> probes, Http client, String who) {
        List<String> failures = new ArrayList<>();
        List<String> known = new ArrayList<>();
        long start = System.nanoTime();
        run(op, probes, client, who, failures, known);
        System.out.printf("hostile: %-70s %4d probes %6d ms %d failures%n", op.name(), probes.size(),
                (System.nanoTime() - start) / 1_000_000, failures.size());
        conclude(failures, known);
    }

    private static void conclude(List<String> failures, List<String> known) {
        if (!failures.isEmpty()) {
            Assertions.fail(failures.size() + " hostile inputs answered wrongly:\n  " + String.join("\n  ", failures));
        }
        Assumptions.assumeTrue(known.isEmpty(), () -> "known until the payment and risk fixes: " + known);
    }

    private void run(Operation op, List<Probe> probes, Http client, String who, List<String> failures, List<String> known) {
        List<Future<Http.Response>> answers = new ArrayList<>();
        for (Probe probe : probes) {
            answers.add(POOL.submit(() -> {
                try {
                    return send(client, op.method(), probe);
                } catch (RuntimeException e) {
                    return new Http.Response(-1, Map.of(), "client error: " + e);
                }
            }));
        }
        for (int i = 0; i < probes.size(); i++) {
            Probe probe = probes.get(i);
            String key = op.name() + " " + probe.kind();
            Http.Response response;
            try {
                response = answers.get(i).get();
            } catch (InterruptedException | ExecutionException e) {
                response = new Http.Response(-1, Map.of(), "client error: " + e);
            }
            STATUSES.merge(response.status(), 1, Integer::sum);
            if (response.body() != null && response.body().contains("cannot be stored")) {
                // kept by the rule (a 400), but only the database caught it: the module should check and name the field
                STORE_ONLY.add(key + " [" + who + "]");
            }
            String problem = judge(response);
            if (problem == null && response.body() != null && response.body().contains("cannot be stored")) {
                problem = "only the database refused it; the field is not named";
            }
            if (problem == null && namedWhenRefused(probe.kind()) != null) {
                // a NUL in text, a number for text, a NUL in a query parameter: never taken, and the 400 names the field
                String field = namedWhenRefused(probe.kind());
                if (response.status() / 100 == 2) {
                    problem = "accepted";
                } else if (response.status() == 400 && !response.body().contains("\"" + field + "\"")) {
                    problem = "a 400 that does not name " + field;
                }
            }
            if (problem == null && probe.kind().startsWith("alone ")) {
                String field = probe.kind().substring("alone ".length(), probe.kind().indexOf('='));
                if (probe.kind().endsWith("=declared")) {
                    if (response.body().contains(field + " has the wrong type or format")) {
                        problem = "the field as the OpenAPI document declares it is rejected: the document is wrong";
                    }
                } else if (response.status() == 429) {
                    // the public endpoints' rate limit answers before the body is read: right, and nothing to name
                } else if (response.status() != 400 || !response.body().contains("\"" + field)) {
                    problem = "a wrong JSON type is not a 400 naming the field " + field;
                }
            }
            boolean isKnown = KNOWN_UNTIL_PAYMENT_AND_RISK_FIXES.contains(key);
            if (problem == null) {
                if (isKnown) {
                    KNOWN_NOW_PASSING.add(key);
                }
                continue;
            }
            String line = key + " [" + who + "] -> " + response.status() + " " + problem + " | " + excerpt(response.body());
            if (isKnown) {
                known.add(line);
                KNOWN_SEEN.add(key);
            } else {
                failures.add(line);
                FAILURES.add(line);
            }
        }
    }

    /** The field a probe's 400 must name when the probe is a NUL, or a number for text or a boolean; else null. */
    private static String namedWhenRefused(String kind) {
        Matcher m = NAMED_WHEN_REFUSED.matcher(kind);
        return m.matches() ? m.group(1) : null;
    }

    private Http.Response send(Http client, String method, Probe probe) {
        synchronized (REQUESTS) {
            REQUESTS[0]++;
        }
        HttpRequest.Builder request = client.header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Accept", "application/json").request(probe.path()).timeout(Duration.ofSeconds(10));
        if (probe.body() != null && !method.equals("GET") && !method.equals("DELETE")) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(probe.body()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return client.send(request);
    }

    /** Null when the answer keeps the rule, else what is wrong with it. */
    static String judge(Http.Response response) {
        if (response.status() < 0) {
            return "no answer";
        }
        if (response.status() >= 500) {
            return "server error";
        }
        String leak = leak(response.body());
        if (leak != null) {
            return "leaks '" + leak + "'";
        }
        if (response.status() >= 400) {
            String type = response.contentType();
            if (type == null || !type.startsWith("application/problem+json")) {
                return "not problem+json (" + type + ")";
            }
            JsonNode body;
            try {
                body = JSON.readTree(response.body());
            } catch (RuntimeException e) {
                return "unparsable problem";
            }
            if (!body.hasNonNull("title") || body.path("status").asInt() != response.status()) {
                return "problem without title/status";
            }
        }
        return null;
    }

    /** The first leak marker in the body, if any; request ids are random letters ("req_…jdbc…" once) so they are left out. */
    private static String leak(String body) {
        if (body == null) {
            return null;
        }
        // request ids and CSRF tokens are random: a token reading "…SQL…" (about one page in 3,000) is no leak
        String text = body.replaceAll("req_[a-z0-9]+", "req_")
                .replaceAll("(name=\"csrf-token\" content=\"|name=\"_csrf\" value=\")[^\"]*", "$1");
        return LEAKS.stream().filter(text::contains).findFirst().orElse(null);
    }

    private static String excerpt(String body) {
        if (body == null) {
            return "";
        }
        String flat = body.replaceAll("\\s+", " ");
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }

    // ---- the console webhook pages (HTML, so only: below 500, nothing leaked) -----------------------

    private void consoleWebhookPages() {
        ConsoleSession admin = signedIn(Role.ADMIN);
        String page = "/console/admin/webhooks";
        List<String> failures = new ArrayList<>();
        List<List<Map.Entry<String, String>>> forms = List.of(
                List.of(field("url", LONG), field("events", "order.paid")),
                List.of(field("url", "javascript:alert(1)"), field("events", "order.paid")),
                List.of(field("url", "http://a\u0000b.example"), field("events", "NOSUCH")),
                List.of(field("url", "https://\u202Eexample.com/hook"), field("events", LONG)),
                List.of(field("url", "https://127.0.0.1:1/hook")),
                List.of());
        for (var form : forms) {
            consoleProbe(failures, "POST " + page, post(admin, page, page, form));
        }
        for (Map.Entry<String, String> id : hostileIds().entrySet()) {
            String p = page + "/" + id.getValue();
            consoleProbe(failures, "GET " + page + "/{id} " + id.getKey(), admin.http().get(p));
            consoleProbe(failures, "GET " + page + "/{id}?status&before " + id.getKey(), admin.http().get(p + "?status=NOSUCH&before=" + LONG.substring(0, 3000)));
            for (String action : List.of("", "/rotate", "/enable", "/disable", "/delete")) {
                consoleProbe(failures, "POST " + page + "/{id}" + action + " " + id.getKey(),
                        post(admin, page, p + action, List.of(field("url", "https://example.com/x"), field("overlap", "P99999999D"))));
            }
            consoleProbe(failures, "POST " + page + "/deliveries/{id}/redeliver " + id.getKey(),
                    post(admin, page, page + "/deliveries/" + id.getValue() + "/redeliver", List.of()));
        }
        consoleProbe(failures, "GET " + page + "?after=long", admin.http().get(page + "?after=" + LONG.substring(0, 3000)));
        synchronized (REQUESTS) {
            REQUESTS[0] += forms.size() + hostileIds().size() * 8 + 1;
        }
        FAILURES.addAll(failures);
        if (!failures.isEmpty()) {
            Assertions.fail(String.join("\n  ", failures));
        }
    }

    private static void consoleProbe(List<String> failures, String key, Http.Response response) {
        if (response.status() >= 500 || leak(response.body()) != null) {
            failures.add(key + " [console] -> " + response.status() + " | " + excerpt(response.body()));
        }
    }

    // ---- the OpenAPI document ------------------------------------------------------------------------

    private static List<Operation> operations(JsonNode openApi) {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : openApi.path("paths").properties()) {
            if (!path.getKey().startsWith("/api/v1") || path.getKey().contains("/test/")) {
                continue; // the test fixtures' own endpoints (io.telepay.idempotency.EffectCounter) are not the API
            }
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                String verb = method.getKey().toUpperCase();
                if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(verb)) {
                    continue;
                }
                JsonNode body = method.getValue().path("requestBody").path("content").path("application/json").path("schema");
                operations.add(new Operation(verb, path.getKey(), method.getValue(), body.isMissingNode() ? null : body));
            }
        }
        return operations;
    }

    private static JsonNode payBodySchema() {
        ObjectNode schema = NODES.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        for (String field : List.of("cardNumber", "expiry", "cvc", "holderName")) {
            properties.putObject(field).put("type", "string");
        }
        return schema;
    }

    private static JsonNode resolve(JsonNode schema, JsonNode openApi) {
        JsonNode current = schema;
        for (int i = 0; i < 5 && current.has("$ref"); i++) {
            String ref = current.path("$ref").asString();
            current = openApi.at(ref.substring(1));
        }
        if (current.has("allOf") && current.path("allOf").size() == 1) {
            return resolve(current.path("allOf").get(0), openApi);
        }
        return current;
    }

    private static String typeOf(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asString().equals("null")) {
                    return t.asString();
                }
            }
        }
        if (type.isString()) {
            return type.asString();
        }
        return schema.has("properties") ? "object" : "string";
    }

    private static boolean isMoney(JsonNode schema) {
        JsonNode properties = schema.path("properties");
        return properties.has("amount") && properties.has("currency") && properties.size() == 2;
    }

    /** A plausible value of the schema: what a careless but well-meaning client would send. */
    private JsonNode sample(JsonNode raw, JsonNode openApi, int depth) {
        JsonNode schema = resolve(raw, openApi);
        if (isMoney(schema)) {
            return money("10.00", "TWD");
        }
        if (schema.has("enum") && !schema.path("enum").isEmpty()) {
            return schema.path("enum").get(0);
        }
        return switch (typeOf(schema)) {
            case "integer" -> NODES.numberNode(1);
            case "number" -> NODES.numberNode(1);
            case "boolean" -> NODES.booleanNode(false);
            case "array" -> depth > 2 ? NODES.arrayNode() : NODES.arrayNode().add(sample(schema.path("items"), openApi, depth + 1));
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (depth <= 3) {
                    for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
                        object.set(property.getKey(), sampleField(property.getKey(), property.getValue(), openApi, depth + 1));
                    }
                }
                yield object;
            }
            default -> NODES.stringNode(sampleString(schema));
        };
    }

    private JsonNode sampleField(String name, JsonNode schema, JsonNode openApi, int depth) {
        JsonNode resolved = resolve(schema, openApi);
        if ("string".equals(typeOf(resolved)) && !resolved.has("enum")) {
            String lower = name.toLowerCase();
            if (lower.endsWith("id") && realIds.containsKey(lower.substring(0, lower.length() - 2) + "s")) {
                return NODES.stringNode(realIds.get(lower.substring(0, lower.length() - 2) + "s"));
            }
            if (lower.equals("currency")) {
                return NODES.stringNode("TWD");
            }
            if (lower.equals("sku")) {
                return NODES.stringNode(realIds.getOrDefault("products", "SKU-1"));
            }
            if (lower.contains("phone")) {
                return NODES.stringNode("+886912345678");
            }
            if (lower.contains("url")) {
                return NODES.stringNode("https://example.com/hook");
            }
        }
        return sample(resolved, openApi, depth);
    }

    private static String sampleString(JsonNode schema) {
        return switch (schema.path("format").asString("")) {
            case "date-time" -> "2026-11-28T10:00:00Z";
            case "date" -> "2026-11-28";
            case "email" -> "someone@example.com";
            case "uri", "url" -> "https://example.com/x";
            case "uuid" -> UUID.randomUUID().toString();
            default -> "sample";
        };
    }

    // ---- real ids -----------------------------------------------------------------------------------

    private void prepareRealIds() {
        Sales.Sale sale = sales.confirmedOrder("1500.00", "TWD");
        realIds.put("orders", sale.orderId());
        realIds.put("customers", sale.customerId());
        realIds.put("products", sale.productSku());
        realIds.put("users", sale.agent().id());
        String token = sales.payToken(sale);
        realIds.put("pay", token);
        var paid = http().header("Accept", "application/json").post("/pay/" + token, Sales.card("4242 4242 4242 4242", "123"));
        if (paid.status() == 200 && paid.json().has("paymentId")) {
            realIds.put("payments", paid.json().get("paymentId").asString());
        }
        var sessions = sale.asAgent().get("/api/v1/orders/" + sale.orderId() + "/payment-sessions");
        if (sessions.status() == 200) {
            JsonNode items = sessions.json().has("items") ? sessions.json().get("items") : sessions.json();
            if (items.isArray() && !items.isEmpty()) {
                realIds.put("payment-sessions", items.get(0).path("id").asString());
            }
        }
    }

    /** The template with every variable filled by a real id where one is known, {@code variable} by {@code value}. */
    private String fill(String template, String variable, String value) {
        Matcher matcher = VARIABLE.matcher(template);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String replacement;
            if (name.equals(variable)) {
                replacement = value;
            } else {
                String before = template.substring(0, matcher.start());
                String[] segments = before.split("/");
                String collection = segments.length == 0 ? "" : segments[segments.length - 1];
                String byName = name.endsWith("Id") ? name.substring(0, name.length() - 2) + "s" : null;
                replacement = realIds.getOrDefault(collection, byName != null && name.equals("sessionId")
                        ? realIds.getOrDefault("payment-sessions", "nosuch_" + name)
                        : realIds.getOrDefault(String.valueOf(byName), "nosuch_" + name));
            }
            matcher.appendReplacement(path, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(path);
        return path.toString();
    }

    // ---- a rejected request leaves nothing half-written ---------------------------------------------

    private long count(String sql, String value) {
        return jdbc.sql(sql).param("v", value).query(Long.class).single();
    }

    @Test
    void aRejectedCustomerLeavesNoRow() {
        var agentUser = newUser(Role.AGENT);
        Http agent = as(agentUser);
        String owned = "select count(*) from customer where owner_id = :v";
        String audited = "select count(*) from audit_entry where actor_id = :v";
        long customers = count(owned, agentUser.id());
        long audits = count(audited, agentUser.id());
        List<Object> rejected = List.of(
                Map.of("name", "林志玲", "phone", "+886912345678", "email", LONG),
                Map.of("name", "林志玲", "phone", "not a phone"),
                Map.of("name", LONG, "phone", "+886912345679"),
                Map.of("name", "林志玲", "phone", "+886912345670", "email", "lin@example.tw", "country", "XYZ"),
                "[{\"name\":\"林志玲\",\"phone\":\"+886912345671\"}]",
                "{\"name\":\"林志玲\",\"phone\":\"+886912345672\",\"consent\":{\"marketing\":\"maybe\"}}");
        for (Object body : rejected) {
            var answer = agent.post("/api/v1/customers", body);
            assertThat(answer.status()).as(body + " -> " + answer).isBetween(400, 499);
        }
        assertThat(count(owned, agentUser.id())).isEqualTo(customers);
        assertThat(count(audited, agentUser.id())).isEqualTo(audits);
    }

    @Test
    void aRejectedOrderLeavesNeitherOrderNorLines() {
        Sales.Sale sale = sales.confirmedOrder("300.00", "TWD");
        String orders = "select count(*) from sales_order where customer_id = :v";
        String lines = "select count(*) from sales_order_line l join sales_order o on o.id = l.order_id where o.customer_id = :v";
        long orderRows = count(orders, sale.customerId());
        long lineRows = count(lines, sale.customerId());
        Map<String, Object> good = Map.of("sku", sale.productSku(), "quantity", 1);
        List<Map<String, Object>> rejected = List.of(
                Map.of("customerId", sale.customerId(), "lines", List.of(good, Map.of("sku", "NOSUCH-SKU", "quantity", 1))),
                Map.of("customerId", sale.customerId(), "lines", List.of(good, Map.of("sku", sale.productSku(), "quantity", -1))),
                Map.of("customerId", sale.customerId(), "lines", List.of(good, Map.of("sku", sale.productSku(), "quantity", 1.5))),
                Map.of("customerId", sale.customerId(), "lines", List.of(good, Map.of("sku", sale.productSku(), "quantity", 2_000_000_000))),
                Map.of("customerId", sale.customerId(), "lines", List.of()),
                Map.of("customerId", "cus_nosuch", "lines", List.of(good)));
        for (Map<String, Object> body : rejected) {
            var answer = sale.asAgent().post("/api/v1/orders", body);
            assertThat(answer.status()).as(body + " -> " + answer).isBetween(400, 499);
            assertThat(judge(answer)).as(body + " -> " + answer).isNull();
        }
        assertThat(count(orders, sale.customerId())).isEqualTo(orderRows);
        assertThat(count(lines, sale.customerId())).isEqualTo(lineRows);
    }

    @Test
    void aRejectedRefundLeavesNoOperationAndNoLedgerEntry() {
        Sales.Sale sale = sales.confirmedOrder("800.00", "TWD");
        var paid = http().header("Accept", "application/json").post("/pay/" + sales.payToken(sale), Sales.card("4242 4242 4242 4242", "123"));
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        String paymentId = paid.json().get("paymentId").asString();
        String operations = "select count(*) from payment_operation where payment_id = :v";
        String ledger = "select count(*) from ledger_entry where payment_id = :v";
        long operationRows = count(operations, paymentId);
        long ledgerRows = count(ledger, paymentId);
        String path = "/api/v1/payments/" + paymentId + "/refunds";
        List<Object> rejected = List.of(
                Map.of("amount", money("800.01", "TWD"), "reason", "more than paid"),
                Map.of("amount", money("-1.00", "TWD"), "reason", "negative"),
                Map.of("amount", money("1.555", "TWD"), "reason", "too many decimals"),
                Map.of("amount", money("1.00", "XXY"), "reason", "unknown currency"),
                Map.of("amount", money("1.00", "JPY"), "reason", "other currency"),
                Map.of("amount", money("99999999999999999999999999.00", "TWD"), "reason", "huge"),
                "{\"amount\": {\"amount\": 1.5, \"currency\": \"TWD\"}, \"reason\": [1]}",
                "{\"amount\": ");
        for (Object body : rejected) {
            var answer = sale.asAgent().header("Idempotency-Key", UUID.randomUUID().toString()).post(path, body);
            assertThat(answer.status()).as(body + " -> " + answer).isBetween(400, 499);
            assertThat(judge(answer)).as(body + " -> " + answer).isNull();
        }
        assertThat(count(operations, paymentId)).isEqualTo(operationRows);
        assertThat(count(ledger, paymentId)).isEqualTo(ledgerRows);
    }

    @Test
    void theOpenApiDocumentDescribesEachBodyWithItsOwnFields() {
        JsonNode openApi = as(Role.ADMIN).get("/v3/api-docs").json();
        assertThat(bodyFields(openApi, "/api/v1/public/reports/status", "post")).containsExactlyInAnyOrder("reference", "contact");
        assertThat(bodyFields(openApi, "/api/v1/reports/{id}/status", "post")).containsExactlyInAnyOrder("status", "note");
        assertThat(bodyFields(openApi, "/api/v1/products/{id}", "patch")).doesNotContain("empty").contains("name", "price");
    }

    private static List<String> bodyFields(JsonNode openApi, String path, String method) {
        JsonNode schema = resolve(openApi.path("paths").path(path).path(method).path("requestBody").path("content")
                .path("application/json").path("schema"), openApi);
        return new ArrayList<>(schema.path("properties").propertyNames());
    }
}
