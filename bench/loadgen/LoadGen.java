import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

/**
 * The load generator of {@code bench/pay-load.sh} (issue 13): drives a running Telepay server over HTTP, as
 * agents and paying customers would, and measures what each payment costs the server and the database.
 * Run by the script (compiled with javac, no dependencies); its options are the script's, see there.
 *
 * <p>Scenarios, each a pass of its own: {@code pay} — the pay step alone, closed loop, sales prepared up to
 * the payment session beforehand and only {@code POST /pay/{token}} timed; {@code sale} — the whole sale
 * (customer, call, order, confirm, payment session, pay, end of call), closed loop, all timed; {@code half}
 * — the pay step open loop at half the rate the {@code pay} pass reached, latency measured from each
 * payment's scheduled send time so that queueing is not hidden (coordinated omission).
 *
 * <p>Every pass is measured the same way: wait until the server is quiet (at least 11 s: PostgreSQL publishes
 * a backend's transaction counts up to 10 s late), reset {@code pg_stat_statements} for the server's
 * database, take a snapshot, run the load, wait until the server is quiet again (the payments' events are
 * delivered asynchronously and are part of their cost), take a second snapshot. CPU, transactions and
 * statements are the differences, less the idle server's background over the same seconds, divided by the
 * payments that succeeded.
 */
public final class LoadGen {

    private static final Locale L = Locale.ROOT;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TEAM_SIZE = 20;
    private static final Pattern TX_CONTROL = Pattern.compile("(?i)^\\s*(begin|commit|rollback|start transaction|end|savepoint|release)\\b.*");

    private final Options options;
    private final Api api;
    private final Database db;
    private final OsProcess server;
    private final Customers customers = new Customers();
    private final List<String> skus = new ArrayList<>();

    LoadGen(Options options) {
        this.options = options;
        this.api = new Api(options.server());
        this.db = new Database(options.database(), options.statements());
        this.server = new OsProcess(options.serverPid(), options.clockTicks());
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        int exit = new LoadGen(options).run();
        System.exit(exit);
    }

    int run() throws Exception {
        List<String> scenarios = options.scenarios();
        log("preparing: products, agents (%d per pool, teams of %d), %d clients", options.agents(), TEAM_SIZE, options.clients());
        createProducts();
        Map<String, List<Agent>> pools = new LinkedHashMap<>();
        for (String pool : List.of("warmup", "pay", "sale", "half")) {
            if (pool.equals("warmup") || scenarios.contains(pool)) {
                pools.put(pool, createAgents(pool, Math.max(options.agents(), options.clients())));
            }
        }
        // A call centre's agents have been hired months ago: brand-new agents taking dozens of cards a day is
        // the harvesting pattern the risk engine holds payments for (REVIEW from 15 cards, alerts from 10).
        db.run("update staff_user set created_at = created_at - interval '400 days' where username like 'bench.%'");

        List<Pass> passes = new ArrayList<>();
        Pass idle = measure("idle", "idle", 0, 0, this::idle);
        Errors setupErrors = new Errors();

        log("warm-up: whole sales for %d s, then the pay step on %d prepared sales", options.warmup(), options.clients() * 20);
        if (options.warmup() > 0) {
            sales(pools.get("warmup"), options.warmup(), setupErrors);
        }
        Result probe = payClosedLoop(prepare(pools.get("warmup"), options.clients() * 20, setupErrors), UNTIL_EMPTY, setupErrors);
        log("warm-up pay step: %.1f payments/s", probe.perSecond());

        double peak = 0;
        if (scenarios.contains("pay")) {
            int needed = (int) Math.ceil(probe.perSecond() * options.duration() * 1.25) + options.clients() * 10;
            Queue<Prepared> tokens = prepare(pools.get("pay"), needed, setupErrors);
            Pass pay = measure("pay", "pay step, full load", options.clients(), options.duration(),
                    errors -> payClosedLoop(tokens, options.duration(), errors));
            passes.add(pay);
            peak = pay.result().perSecond();
        }
        if (scenarios.contains("sale")) {
            passes.add(measure("sale", "whole sale, full load", options.clients(), options.duration(),
                    errors -> sales(pools.get("sale"), options.duration(), errors)));
        }
        if (scenarios.contains("half")) {
            double rate = options.rate() > 0 ? options.rate() : peak / 2;
            int needed = (int) Math.ceil(rate * options.duration() * 1.05) + options.clients() * 5;
            Queue<Prepared> tokens = prepare(pools.get("half"), needed, setupErrors);
            passes.add(measure("half", String.format(L, "pay step, half load (open loop, %.1f/s)", rate), options.clients(), options.duration(),
                    errors -> payOpenLoop(tokens, rate, options.duration(), errors)));
        }

        String report = new Report(options, idle, passes, setupErrors).markdown();
        Files.writeString(options.out().resolve("summary.md"), report, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.println(report);
        for (Pass pass : passes) {
            Files.writeString(options.out().resolve("statements-" + pass.slug() + ".md"), Report.statements(pass, Integer.MAX_VALUE));
        }
        boolean failed = !setupErrors.isEmpty() || passes.stream().anyMatch(pass -> !pass.result().errors().isEmpty());
        return failed ? 3 : 0;
    }

    // ---------------------------------------------------------------- data through the API

    private void createProducts() {
        String[] prices = {"990.00", "1999.00", "2990.00", "4990.00", "12800.00"};
        for (int i = 0; i < prices.length; i++) {
            String sku = "BENCH-" + (i + 1);
            api.expect("product", api.post("/api/v1/products", options.adminKey(), Json.write(Map.of(
                    "sku", sku, "name", "線上課程 " + sku, "price", Map.of("amount", prices[i], "currency", "TWD"),
                    "fulfilment", "SERVICE")), true, null), 201);
            skus.add(sku);
        }
    }

    /** Staff users with AGENT keys, in teams of {@link #TEAM_SIZE}; bcrypt makes this ~70 ms of server CPU each. */
    private List<Agent> createAgents(String pool, int count) throws Exception {
        String password = "Bench-" + UUID.randomUUID();
        Agent[] agents = new Agent[count];
        Workers.run(4, worker -> {
            for (int i = worker; i < count; i += 4) {
                String username = String.format(L, "bench.%s.%03d", pool, i);
                var user = api.expect("user", api.post("/api/v1/users", options.adminKey(), Json.write(Map.of(
                        "username", username, "displayName", "Bench agent " + pool + " " + i, "role", "AGENT",
                        "password", password, "team", "bench " + pool + " " + (i / TEAM_SIZE + 1))), false, null), 201);
                String userId = (String) user.get("id");
                var key = api.expect("api key", api.post("/api/v1/api-keys", options.adminKey(), Json.write(Map.of(
                        "name", "bench " + username, "role", "AGENT", "userId", userId)), false, null), 201);
                agents[i] = new Agent(userId, (String) key.get("key"));
            }
        });
        return List.of(agents);
    }

    /** {@code count} sales up to an open LINK session, spread evenly over the agents in the order they are paid. */
    private Queue<Prepared> prepare(List<Agent> agents, int count, Errors errors) throws Exception {
        long start = System.nanoTime();
        Prepared[] prepared = new Prepared[count];
        AtomicInteger next = new AtomicInteger();
        Workers.run(options.clients(), worker -> {
            for (int i; (i = next.getAndIncrement()) < count; ) {
                Agent agent = agents.get(i % agents.size());
                Customer customer = customers.next();
                try {
                    String customerId = createCustomer(agent, customer);
                    String orderId = order(agent, customerId, null);
                    prepared[i] = new Prepared(session(agent, orderId, 60), customer);
                } catch (SaleFailed failed) {
                    errors.add("preparation: " + failed.getMessage());
                }
            }
        });
        Queue<Prepared> queue = new ConcurrentLinkedQueue<>();
        Arrays.stream(prepared).filter(p -> p != null).forEach(queue::add);
        log("prepared %d sales up to the payment session in %.0f s", queue.size(), (System.nanoTime() - start) / 1e9);
        return queue;
    }

    private String createCustomer(Agent agent, Customer customer) {
        return api.id("customer", api.post("/api/v1/customers", agent.key(), Json.write(Map.of(
                "name", customer.name(), "phone", customer.phone(), "email", customer.email())), false, null), 201);
    }

    private String order(Agent agent, String customerId, String callId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", customerId);
        if (callId != null) {
            body.put("callId", callId);
        }
        body.put("lines", List.of(Map.of("sku", skus.get(ThreadLocalRandom.current().nextInt(skus.size())), "quantity", 1)));
        String orderId = api.id("order", api.post("/api/v1/orders", agent.key(), Json.write(body), true, null), 201);
        api.expect("confirm", api.post("/api/v1/orders/" + orderId + "/confirm", agent.key(), "{}", true, null), 200);
        return orderId;
    }

    /** Opens a LINK session and answers its pay token, the last part of {@code payUrl}. */
    private String session(Agent agent, String orderId, Integer minutes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", "LINK");
        if (minutes != null) {
            body.put("expiresInMinutes", minutes);
        }
        var session = api.expect("payment session", api.post("/api/v1/orders/" + orderId + "/payment-sessions", agent.key(),
                Json.write(body), true, null), 201);
        String url = (String) session.get("payUrl");
        return url.substring(url.lastIndexOf('/') + 1);
    }

    /**
     * The customer's card posted to the pay page as JSON, from their own phone's address (the server trusts
     * {@code X-Forwarded-For} from its load balancer, here the loopback). Answers whether it SUCCEEDED.
     */
    private boolean pay(Prepared sale, Errors errors) {
        Customer c = sale.customer();
        Api.Response response = api.post("/pay/" + sale.token(), null, Json.write(Map.of(
                "cardNumber", c.card(), "expiry", "12/39", "cvc", String.format(L, "%03d", ThreadLocalRandom.current().nextInt(1000)),
                "holderName", c.holderName())), true, c.address());
        if (response.status() != 200) {
            errors.add("pay → " + response.describe());
            return false;
        }
        Object status = response.json().get("status");
        if (!"SUCCEEDED".equals(status)) {
            errors.add("pay → " + status + ": " + response.json().get("message"));
            return false;
        }
        return true;
    }

    // ---------------------------------------------------------------- load shapes

    private Result idle(Errors errors) throws InterruptedException {
        long start = System.nanoTime();
        Thread.sleep(Duration.ofSeconds(20));
        return new Result(0, System.nanoTime() - start, new long[0], null, errors, null);
    }

    private static final int UNTIL_EMPTY = -1;

    /** Closed loop: each client pays the next prepared sale as soon as its previous payment was answered, for {@code seconds} or {@link #UNTIL_EMPTY}. */
    private Result payClosedLoop(Queue<Prepared> tokens, int seconds, Errors errors) throws Exception {
        Latencies pays = new Latencies();
        LongAdder succeeded = new LongAdder();
        AtomicBoolean ranOut = new AtomicBoolean();
        boolean untilEmpty = seconds == UNTIL_EMPTY;
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(untilEmpty ? 0 : seconds).toNanos();
        AtomicLong last = new AtomicLong(start);
        Workers.run(options.clients(), worker -> {
            while (untilEmpty || System.nanoTime() - end < 0) {
                Prepared sale = tokens.poll();
                if (sale == null) {
                    ranOut.set(!untilEmpty);
                    break;
                }
                long t0 = System.nanoTime();
                if (pay(sale, errors)) {
                    succeeded.increment();
                }
                long t1 = System.nanoTime();
                pays.add(t1 - t0);
                last.accumulateAndGet(t1, Math::max);
            }
        });
        return new Result(succeeded.sum(), last.get() - start, pays.sorted(), null, errors,
                ranOut.get() ? "ran out of prepared sales before the end: the window is shorter than asked" : null);
    }

    /**
     * Open loop: payment {@code i} is due at {@code start + i / rate}, whether or not earlier ones were answered;
     * its latency is counted from that due time, so a server that falls behind shows its queue in the tail.
     */
    private Result payOpenLoop(Queue<Prepared> tokens, double rate, int seconds, Errors errors) throws Exception {
        Latencies pays = new Latencies();
        LongAdder succeeded = new LongAdder();
        AtomicBoolean ranOut = new AtomicBoolean();
        long total = (long) (rate * seconds);
        AtomicLong next = new AtomicLong();
        long start = System.nanoTime();
        AtomicLong last = new AtomicLong(start);
        Workers.run(options.clients(), worker -> {
            for (long i; (i = next.getAndIncrement()) < total; ) {
                long due = start + (long) (i * 1e9 / rate);
                for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                    LockSupport.parkNanos(wait);
                }
                Prepared sale = tokens.poll();
                if (sale == null) {
                    ranOut.set(true);
                    break;
                }
                if (pay(sale, errors)) {
                    succeeded.increment();
                }
                long t1 = System.nanoTime();
                pays.add(t1 - due);
                last.accumulateAndGet(t1, Math::max);
            }
        });
        return new Result(succeeded.sum(), last.get() - start, pays.sorted(), null, errors,
                ranOut.get() ? "ran out of prepared sales before the end" : null);
    }

    /**
     * Closed loop of whole sales. Each client works its own agents in turn (an agent is on one call at a time):
     * a new customer, an outbound call, an order on the call, its confirmation, a LINK session, the customer
     * pays, the agent ends the call as a SALE.
     */
    private Result sales(List<Agent> agents, int seconds, Errors errors) throws Exception {
        Latencies pays = new Latencies();
        Latencies wholes = new Latencies();
        LongAdder succeeded = new LongAdder();
        int clients = options.clients();
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        AtomicLong last = new AtomicLong(start);
        Workers.run(clients, worker -> {
            List<Agent> mine = new ArrayList<>();
            for (int i = worker; i < agents.size(); i += clients) {
                mine.add(agents.get(i));
            }
            for (int n = 0; System.nanoTime() - end < 0; n++) {
                Agent agent = mine.get(n % mine.size());
                Customer customer = customers.next();
                long t0 = System.nanoTime();
                String callId = null;
                try {
                    String customerId = createCustomer(agent, customer);
                    callId = api.id("call", api.post("/api/v1/calls", agent.key(), Json.write(Map.of(
                            "customerId", customerId, "direction", "OUTBOUND")), true, null), 201);
                    String orderId = order(agent, customerId, callId);
                    String token = session(agent, orderId, null);
                    long p0 = System.nanoTime();
                    boolean paid = pay(new Prepared(token, customer), errors);
                    pays.add(System.nanoTime() - p0);
                    endCall(agent, callId, paid ? "SALE" : "NO_SALE");
                    long t1 = System.nanoTime();
                    if (paid) {
                        succeeded.increment();
                        wholes.add(t1 - t0);
                    }
                    last.accumulateAndGet(t1, Math::max);
                } catch (SaleFailed failed) {
                    errors.add("sale: " + failed.getMessage());
                    if (callId != null) {
                        try {
                            endCall(agent, callId, "NO_SALE");
                        } catch (SaleFailed ignored) {
                            // already counted; the agent's next sale will say if the call is still open
                        }
                    }
                }
            }
        });
        return new Result(succeeded.sum(), last.get() - start, pays.sorted(), wholes.sorted(), errors, null);
    }

    private void endCall(Agent agent, String callId, String disposition) {
        api.expect("end call", api.post("/api/v1/calls/" + callId + "/end", agent.key(),
                Json.write(Map.of("disposition", disposition)), true, null), 200);
    }

    // ---------------------------------------------------------------- measuring

    interface Load {
        Result run(Errors errors) throws Exception;
    }

    private Pass measure(String slug, String name, int clients, int sampleSeconds, Load load) throws Exception {
        settle();
        db.resetStatements();
        String loadBefore = loadAverage();
        Snapshot before = snapshot();
        log("%s: running", name);
        RssSampler rss = RssSampler.start(server);
        Database.WaitSampler waits = db.sampleWaits(sampleSeconds);
        Result result = load.run(new Errors());
        long rssMax = rss.stop();
        Map<String, Double> backends = waits.averages();
        String loadAfter = loadAverage();
        log("%s: %d payments in %.1f s (%.1f/s), %d errors; waiting for the server to finish the payments' events",
                name, result.payments(), result.nanos() / 1e9, result.perSecond(), result.errors().total());
        settle();
        Snapshot after = snapshot();
        return new Pass(slug, name, clients, result, before, after, db.statements(), backends, rssMax, server.memory("VmHWM"),
                loadBefore, loadAfter);
    }

    /**
     * Waits at least 11 s (a PostgreSQL backend publishes its transaction counts when idle, up to 10 s late),
     * then until the server used under 5 % of a core for a second (at most 60 s more).
     */
    private void settle() throws InterruptedException {
        // sleep, not park: a stray unpark permit (the HTTP client's futures leave them) would end a park at once
        Thread.sleep(Duration.ofSeconds(11));
        for (int i = 0; i < 60; i++) {
            long before = server.cpuTicks();
            Thread.sleep(Duration.ofSeconds(1));
            if ((server.cpuTicks() - before) * 1000 / options.clockTicks() < 50) {
                break;
            }
        }
    }

    private Snapshot snapshot() {
        Database.Counters counters = db.counters();
        Map<Long, Long> backends = new HashMap<>();
        for (long pid : counters.backends()) {
            long ticks = new OsProcess(pid, options.clockTicks()).cpuTicks();
            if (ticks >= 0) {
                backends.put(pid, ticks);
            }
        }
        return new Snapshot(System.nanoTime(), server.cpuTicks(), new OsProcess(ProcessHandle.current().pid(), options.clockTicks()).cpuTicks(),
                backends, counters.transactions(), counters.evictions());
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "?";
        }
    }

    static void log(String format, Object... args) {
        System.err.printf(L, "%tT  %s%n", System.currentTimeMillis(), String.format(L, format, args));
    }

    // ---------------------------------------------------------------- the summary

    /**
     * One markdown table for the run, then what each figure rests on, the targets and where the statements go.
     * CPU, transactions and statements are net of the idle server's background (its schedulers poll the
     * database): the idle pass's rate times the pass's seconds is taken off before dividing by the payments.
     */
    record Report(Options options, Pass idle, List<Pass> passes, Errors setupErrors) {

        String markdown() {
            StringBuilder out = new StringBuilder();
            out.append("| scenario | clients | payments/s | share of pgbench -N | pay request p50 / p90 / p99 ms | whole sale p50 / p90 / p99 ms ")
                    .append("| server CPU ms / payment | PostgreSQL CPU ms / payment | transactions / payment | statements / payment (+ BEGIN) ")
                    .append("| server RSS max / VmHWM MiB | errors | load average before → after |\n");
            out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (Pass pass : passes) {
                Result r = pass.result();
                out.append(String.format(L, "| %s | %d | %.1f | %s | %s | %s | %.1f | %.1f | %.1f | %s | %d / %d | %s | %s → %s |\n",
                        pass.name(), pass.clients(), r.perSecond(),
                        options.pgbenchTps() > 0 ? String.format(L, "%.2f %%", 100 * r.perSecond() / options.pgbenchTps()) : "n/a",
                        percentiles(r.pays()), r.sales() == null ? "–" : percentiles(r.sales()),
                        perPayment(pass, this::serverCpuMs), perPayment(pass, this::databaseCpuMs), perPayment(pass, p -> p.transactions()),
                        options.statements() ? String.format(L, "%.1f (+ %.1f)", perPayment(pass, p -> p.statementCalls(false)),
                                perPayment(pass, p -> p.statementCalls(true))) : "n/a",
                        pass.rssMaxKb() / 1024, pass.hwmKb() / 1024,
                        r.errors().isEmpty() ? "0" : "**" + r.errors().total() + "**", pass.loadBefore(), pass.loadAfter()));
            }
            out.append('\n');
            out.append(options.pgbenchTps() > 0
                    ? String.format(L, "pgbench -N in the same run: **%.0f tps** (`%s`, before the server started).%n", options.pgbenchTps(), options.pgbenchCommand())
                    : "pgbench -N: not run (the share column is n/a).\n");
            double idleSeconds = seconds(idle);
            out.append(String.format(L, "Idle server (%.0f s before the load, taken off the per-payment figures): %.1f ms CPU/s, PostgreSQL %.1f ms CPU/s, "
                            + "%.2f transactions/s, %s statements/s.%n", idleSeconds,
                    serverCpuMs(idle) / idleSeconds, databaseCpuMs(idle) / idleSeconds, idle.transactions() / idleSeconds,
                    options.statements() ? String.format(L, "%.2f", idle.statementCalls(false) / idleSeconds) : "n/a"));
            out.append('\n');
            for (Pass pass : passes) {
                Result r = pass.result();
                out.append(String.format(L, "- %s: %d payments in %.1f s; measured over %.0f s (with the wait for the server to go quiet after the load); "
                                + "load generator %.1f ms CPU / payment%s%s%n",
                        pass.name(), r.payments(), r.nanos() / 1e9, seconds(pass),
                        (pass.after().loadgenTicks() - pass.before().loadgenTicks()) * 1000.0 / options.clockTicks() / Math.max(1, r.payments()),
                        r.note() == null ? "" : "; **" + r.note() + "**",
                        pass.after().evictions() > pass.before().evictions()
                                ? "; pg_stat_statements evicted " + (pass.after().evictions() - pass.before().evictions()) + " entries (counts may be low)" : ""));
                if (!pass.backends().isEmpty()) {
                    out.append(String.format(L, "  - PostgreSQL backends of the server, not idle, during the load: %.1f on average; the most frequent:%n",
                            pass.backends().values().stream().mapToDouble(Double::doubleValue).sum()));
                    pass.backends().entrySet().stream().limit(6).forEach(e ->
                            out.append(String.format(L, "    - %.1f %s%n", e.getValue(), e.getKey())));
                }
                r.errors().byKind().forEach((kind, count) -> out.append(String.format(L, "  - **ERROR ×%d: %s**%n", count, kind)));
            }
            setupErrors.byKind().forEach((kind, count) -> out.append(String.format(L, "- **ERROR during preparation or warm-up ×%d: %s**%n", count, kind)));
            long errors = setupErrors.total() + passes.stream().mapToLong(p -> p.result().errors().total()).sum();
            if (errors > 0) {
                out.append(String.format(L, "%n**THIS RUN HAD %d ERRORS: its figures do not measure what they claim until these are understood.**%n", errors));
            }
            out.append('\n').append(targets()).append('\n');
            if (!options.statements()) {
                out.append("Statements: n/a — pg_stat_statements is not loaded. Enable it with `shared_preload_libraries = 'pg_stat_statements'` ")
                        .append("in postgresql.conf, restart PostgreSQL, then `create extension pg_stat_statements` in the `postgres` database.\n");
            } else {
                out.append("Statements: pg_stat_statements `calls` in the server's database over the pass (the load and the wait after it), ")
                        .append("transaction control apart in brackets: that is BEGIN, because pgjdbc prepares COMMIT on the server after five uses and ")
                        .append("PostgreSQL 15 counts a prepared utility statement once, not per execution. Each transaction ends in a COMMIT or ")
                        .append("ROLLBACK: transactions are `xact_commit + xact_rollback` of pg_stat_database for that database.\n");
                for (Pass pass : passes) {
                    if (!pass.name().contains("half")) {
                        out.append(String.format(L, "%n#### Top %d statements by calls per payment: %s%n%n", options.top(), pass.name()));
                        out.append(statements(pass, options.top()));
                    }
                }
            }
            return out.toString();
        }

        private String targets() {
            StringBuilder out = new StringBuilder("Targets of issue 13 (on this machine):\n");
            Pass pay = find("pay step, full load");
            Pass half = find("half load");
            if (pay != null) {
                double transactions = perPayment(pay, p -> p.transactions());
                out.append(String.format(L, "- ≤ 4 transactions per payment: %.1f — %s%n", transactions, verdict(transactions <= 4)));
                if (options.statements()) {
                    double statements = perPayment(pay, p -> p.statementCalls(false));
                    out.append(String.format(L, "- ≤ 40 statements per payment: %.1f (%.1f with BEGIN and COMMIT) — %s%n", statements,
                            statements + perPayment(pay, p -> p.statementCalls(true)) + transactions, verdict(statements <= 40)));
                }
                if (options.pgbenchTps() > 0) {
                    double share = 100 * pay.result().perSecond() / options.pgbenchTps();
                    out.append(String.format(L, "- ≥ 10 %% of pgbench -N at 16 clients: %.2f %% at %d clients — %s%n", share, pay.clients(),
                            verdict(share >= 10) + (pay.clients() == 16 ? "" : " (not at 16 clients)")));
                }
            }
            if (half != null) {
                double p99 = Latencies.percentileMs(half.result().pays(), 99);
                out.append(String.format(L, "- p99 < 50 ms at half the peak rate: %.1f ms — %s%n", p99, verdict(p99 < 50)));
            }
            long hwm = passes.stream().mapToLong(Pass::hwmKb).max().orElse(0) / 1024;
            out.append(String.format(L, "- RSS < 512 MiB under load: VmHWM %d MiB — %s%n", hwm, verdict(hwm < 512)));
            return out.toString();
        }

        private double perPayment(Pass pass, java.util.function.ToDoubleFunction<Pass> total) {
            double background = total.applyAsDouble(idle) / seconds(idle) * seconds(pass);
            return (total.applyAsDouble(pass) - background) / Math.max(1, pass.result().payments());
        }

        private static double seconds(Pass pass) {
            return (pass.after().nanos() - pass.before().nanos()) / 1e9;
        }

        private double serverCpuMs(Pass pass) {
            return (pass.after().serverTicks() - pass.before().serverTicks()) * 1000.0 / options.clockTicks();
        }

        /** Backends of the server's database: the CPU of those present at both ends, all of a new one's. */
        private double databaseCpuMs(Pass pass) {
            long ticks = 0;
            for (var backend : pass.after().backendTicks().entrySet()) {
                ticks += backend.getValue() - pass.before().backendTicks().getOrDefault(backend.getKey(), 0L);
            }
            return ticks * 1000.0 / options.clockTicks();
        }

        private Pass find(String name) {
            return passes.stream().filter(p -> p.name().contains(name)).findFirst().orElse(null);
        }

        private static String verdict(boolean met) {
            return met ? "met" : "**not met**";
        }

        private static String percentiles(long[] sorted) {
            return String.format(L, "%.1f / %.1f / %.1f", Latencies.percentileMs(sorted, 50), Latencies.percentileMs(sorted, 90),
                    Latencies.percentileMs(sorted, 99));
        }

        /** The pass's statements as a markdown table, most called first, with calls and server time per payment (not net). */
        static String statements(Pass pass, int limit) {
            double n = Math.max(1, pass.result().payments());
            StringBuilder out = new StringBuilder("| calls / payment | mean ms | rows / call | statement |\n|---|---|---|---|\n");
            pass.statements().stream().limit(limit).forEach(s -> out.append(String.format(L, "| %.2f | %.3f | %.1f | `%s` |%n",
                    s.calls() / n, s.totalMs() / Math.max(1, s.calls()), (double) s.rows() / Math.max(1, s.calls()),
                    (s.query().length() > 180 ? s.query().substring(0, 180) + "…" : s.query()).replace("|", "\\|").replace("`", "'"))));
            return out.toString();
        }
    }

    // ---------------------------------------------------------------- values

    record Options(URI server, String adminKey, int clients, int duration, int warmup, List<String> scenarios, int agents,
                   double rate, long serverPid, String database, boolean statements, Path out, int top, double pgbenchTps,
                   String pgbenchCommand, long clockTicks) {

        static Options parse(String[] args) {
            Map<String, String> o = new HashMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                if (!args[i].startsWith("--")) {
                    throw new IllegalArgumentException("expected --name value, got " + args[i]);
                }
                o.put(args[i].substring(2), args[i + 1]);
            }
            List<String> scenarios = List.of(o.getOrDefault("scenario", "pay,sale,half").split(","));
            for (String scenario : scenarios) {
                if (!List.of("pay", "sale", "half").contains(scenario)) {
                    throw new IllegalArgumentException("unknown scenario " + scenario + " (pay, sale, half)");
                }
            }
            if (scenarios.contains("half") && !scenarios.contains("pay") && Double.parseDouble(o.getOrDefault("rate", "0")) <= 0) {
                throw new IllegalArgumentException("the half scenario takes half the rate of the pay scenario: run both, or give --rate");
            }
            // the ADMIN key comes in the environment, not on a command line that ps shows
            String adminKey = System.getenv("BENCH_ADMIN_KEY");
            if (adminKey == null || adminKey.isBlank()) {
                throw new IllegalArgumentException("BENCH_ADMIN_KEY (an ADMIN API key) is required");
            }
            return new Options(URI.create(required(o, "url")), adminKey,
                    Integer.parseInt(o.getOrDefault("clients", "16")), Integer.parseInt(o.getOrDefault("duration", "60")),
                    Integer.parseInt(o.getOrDefault("warmup", "30")), scenarios, Integer.parseInt(o.getOrDefault("agents", "60")),
                    Double.parseDouble(o.getOrDefault("rate", "0")), Long.parseLong(required(o, "server-pid")),
                    required(o, "database"), Boolean.parseBoolean(o.getOrDefault("statements", "true")),
                    Path.of(required(o, "out")), Integer.parseInt(o.getOrDefault("top", "25")),
                    Double.parseDouble(o.getOrDefault("pgbench-tps", "0")), o.getOrDefault("pgbench-command", ""),
                    Long.parseLong(o.getOrDefault("clock-ticks", "100")));
        }

        private static String required(Map<String, String> o, String name) {
            String value = o.get(name);
            if (value == null) {
                throw new IllegalArgumentException("--" + name + " is required");
            }
            return value;
        }
    }

    record Agent(String id, String key) {
    }

    /** A customer of one sale and the card they pay with; never reused, as in real sales. */
    record Customer(String name, String holderName, String phone, String email, String card, String address) {
    }

    record Prepared(String token, Customer customer) {
    }

    /** What one load produced: payments that SUCCEEDED, the window they took, latencies in ns (sorted). */
    record Result(long payments, long nanos, long[] pays, long[] sales, Errors errors, String note) {
        double perSecond() {
            return nanos == 0 ? 0 : payments * 1e9 / nanos;
        }
    }

    record Snapshot(long nanos, long serverTicks, long loadgenTicks, Map<Long, Long> backendTicks, long transactions, long evictions) {
    }

    record Statement(long calls, double totalMs, long rows, String query) {
        boolean transactionControl() {
            return TX_CONTROL.matcher(query).matches();
        }
    }

    record Pass(String slug, String name, int clients, Result result, Snapshot before, Snapshot after, List<Statement> statements,
                Map<String, Double> backends, long rssMaxKb, long hwmKb, String loadBefore, String loadAfter) {

        long transactions() {
            return after.transactions() - before.transactions();
        }

        long statementCalls(boolean transactionControl) {
            return statements.stream().filter(s -> s.transactionControl() == transactionControl).mapToLong(Statement::calls).sum();
        }
    }

    /** Failures by kind, each with how many times it happened. */
    static final class Errors {
        private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

        void add(String what) {
            counts.computeIfAbsent(what.length() > 300 ? what.substring(0, 300) + "…" : what, k -> new LongAdder()).increment();
        }

        long total() {
            return counts.values().stream().mapToLong(LongAdder::sum).sum();
        }

        boolean isEmpty() {
            return counts.isEmpty();
        }

        Map<String, Long> byKind() {
            Map<String, Long> kinds = new LinkedHashMap<>();
            counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
                    .forEach(e -> kinds.put(e.getKey(), e.getValue().sum()));
            return kinds;
        }
    }

    static final class SaleFailed extends RuntimeException {
        SaleFailed(String message) {
            super(message, null, false, false);
        }
    }

    /** Latencies recorded by many threads; exact percentiles from the sorted values, no histogram buckets. */
    static final class Latencies {
        private final Queue<Long> values = new ConcurrentLinkedQueue<>();

        void add(long nanos) {
            values.add(nanos);
        }

        long[] sorted() {
            return values.stream().mapToLong(Long::longValue).sorted().toArray();
        }

        /** Nearest rank: the smallest value with at least p % of the values at or below it. */
        static double percentileMs(long[] sorted, double p) {
            if (sorted == null || sorted.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p / 100 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)] / 1e6;
        }
    }

    /** New customers with Taiwanese names, mobiles, e-mail addresses, cards and public addresses, never repeated. */
    static final class Customers {
        private static final String[][] NAMES = {
                {"陳美玲", "CHEN MEI LING"}, {"林志明", "LIN CHIH MING"}, {"王小明", "WANG HSIAO MING"}, {"張家豪", "CHANG CHIA HAO"},
                {"李佳穎", "LEE CHIA YING"}, {"黃怡君", "HUANG YI CHUN"}, {"吳宗翰", "WU TSUNG HAN"}, {"劉淑芬", "LIU SHU FEN"},
                {"蔡承恩", "TSAI CHENG EN"}, {"楊雅婷", "YANG YA TING"}, {"許志豪", "HSU CHIH HAO"}, {"鄭宇軒", "CHENG YU HSUAN"}};
        private static final int MOBILES = 90_000_000;
        /** Coprime with {@link #MOBILES}: stepping by it reaches every number once before any repeats. */
        private static final int STEP = 7_777_777;
        private static final int[] FIRST_OCTETS = {1, 36, 39, 42, 49, 59, 60, 61, 101, 106, 110, 111, 114, 118, 122, 175, 180, 210, 211, 218, 220};

        private final AtomicLong next = new AtomicLong(RANDOM.nextInt(MOBILES));
        private final String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);

        Customer next() {
            long n = next.getAndAdd(STEP);
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String[] name = NAMES[random.nextInt(NAMES.length)];
            String address = FIRST_OCTETS[random.nextInt(FIRST_OCTETS.length)] + "." + random.nextInt(256) + "."
                    + random.nextInt(256) + "." + (1 + random.nextInt(254));
            return new Customer(name[0], name[1], "+8869" + (10_000_000 + Math.floorMod(n, MOBILES)),
                    "c" + n + "." + run + "@example.tw", card(), address);
        }

        /** A Luhn-valid 16-digit Visa-range number outside the sandbox's special 4000 00… numbers: approved. */
        static String card() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            StringBuilder digits = new StringBuilder("4").append(1 + random.nextInt(9));
            while (digits.length() < 15) {
                digits.append(random.nextInt(10));
            }
            int sum = 0;
            for (int i = digits.length() - 1, k = 0; i >= 0; i--, k++) {
                int d = digits.charAt(i) - '0';
                if (k % 2 == 0) {
                    d = d * 2 > 9 ? d * 2 - 9 : d * 2;
                }
                sum += d;
            }
            return digits.append((10 - sum % 10) % 10).toString();
        }
    }

    /** Runs {@code count} platform threads to the end; the first failure of any is rethrown. */
    static final class Workers {
        interface Body {
            void run(int worker) throws Exception;
        }

        static void run(int count, Body body) throws Exception {
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < count; i++) {
                int worker = i;
                threads.add(Thread.ofPlatform().name("client-" + i).start(() -> {
                    try {
                        body.run(worker);
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            if (!failures.isEmpty()) {
                throw new IllegalStateException("a client failed", failures.getFirst());
            }
        }
    }

    // ---------------------------------------------------------------- outside the JVM

    /** {@code /proc/<pid>}: CPU time and memory of one process. */
    record OsProcess(long pid, long clockTicks) {
        /** utime + stime in clock ticks, or -1 when the process is gone. */
        long cpuTicks() {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // fields 14 and 15 of proc(5)
            } catch (IOException e) {
                return -1;
            }
        }

        /** A {@code /proc/<pid>/status} size in kB (VmRSS, VmHWM), or -1. */
        long memory(String field) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (line.startsWith(field + ":")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException e) {
                // gone
            }
            return -1;
        }
    }

    /** The highest VmRSS seen, sampled every 500 ms while a load runs. */
    static final class RssSampler {
        private final AtomicLong max = new AtomicLong();
        private volatile boolean running = true;
        private Thread thread;

        static RssSampler start(OsProcess server) {
            RssSampler sampler = new RssSampler();
            sampler.thread = Thread.ofPlatform().daemon().start(() -> {
                while (sampler.running) {
                    sampler.max.accumulateAndGet(server.memory("VmRSS"), Math::max);
                    LockSupport.parkNanos(500_000_000L); // an early return only samples more often
                }
            });
            return sampler;
        }

        long stop() throws InterruptedException {
            running = false;
            thread.join();
            return max.get();
        }
    }

    /**
     * The server's database seen from the {@code postgres} database through {@code psql} (PGHOST, PGPORT, PGUSER
     * from the environment), so that these queries are not counted with the server's.
     */
    record Database(String name, boolean statementsTracked) {

        record Counters(long transactions, List<Long> backends, long evictions) {
        }

        Counters counters() {
            String row = psql("postgres", """
                    select (select xact_commit + xact_rollback from pg_stat_database where datname = '%1$s'),
                           (select coalesce(string_agg(pid::text, ' '), '') from pg_stat_activity
                             where datname = '%1$s' and backend_type = 'client backend'),
                           %2$s""".formatted(name, statementsTracked ? "(select dealloc from pg_stat_statements_info)" : "0")).strip();
            String[] f = row.split("\u001f", -1);
            List<Long> pids = f[1].isBlank() ? List.of() : Arrays.stream(f[1].split(" ")).map(Long::parseLong).toList();
            return new Counters(Long.parseLong(f[0]), pids, Long.parseLong(f[2]));
        }

        void resetStatements() {
            if (statementsTracked) {
                psql("postgres", "select pg_stat_statements_reset(0, (select oid from pg_database where datname = '" + name + "'), 0)");
            }
        }

        /** This database's statements since the last reset, most called first; empty when not tracked. */
        List<Statement> statements() {
            if (!statementsTracked) {
                return List.of();
            }
            String out = psql("postgres", """
                    select calls, total_exec_time, rows, regexp_replace(query, '\\s+', ' ', 'g') from pg_stat_statements
                    where dbid = (select oid from pg_database where datname = '%s') order by calls desc, total_exec_time desc""".formatted(name));
            List<Statement> statements = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isBlank()) {
                    String[] f = line.split("\u001f", 4);
                    statements.add(new Statement(Long.parseLong(f[0]), Double.parseDouble(f[1]), Long.parseLong(f[2]), f[3]));
                }
            }
            return statements;
        }

        void run(String sql) {
            psql(name, sql);
        }

        /**
         * What the database's busy backends are doing (state, wait event, the start of their statement), sampled
         * from pg_stat_activity five times a second for {@code seconds} in one psql session.
         */
        WaitSampler sampleWaits(int seconds) {
            if (seconds <= 0) {
                return new WaitSampler(null, 0);
            }
            int samples = seconds * 5;
            try {
                var process = new ProcessBuilder("psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-F", "\u001f", "-d", "postgres",
                        "-c", "create temp table sample (state text, wait text, query text)",
                        "-c", """
                                do $$ begin
                                  for i in 1..%d loop
                                    perform pg_stat_clear_snapshot();
                                    insert into sample select state, coalesce(wait_event_type || ':' || wait_event, 'on CPU'),
                                        left(regexp_replace(query, '\\s+', ' ', 'g'), 90)
                                      from pg_stat_activity where datname = '%s' and backend_type = 'client backend' and state <> 'idle';
                                    perform pg_sleep(0.2);
                                  end loop;
                                end $$""".formatted(samples, name),
                        "-c", "select state, wait, query, count(*) from sample group by 1, 2, 3 order by 4 desc").redirectErrorStream(true).start();
                return new WaitSampler(process, samples);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        record WaitSampler(java.lang.Process psql, int samples) {
            /** Average number of backends in each "state, wait event: statement" over the samples, most first. */
            Map<String, Double> averages() throws Exception {
                Map<String, Double> averages = new LinkedHashMap<>();
                if (psql == null) {
                    return averages;
                }
                String out = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (psql.waitFor() != 0) {
                    throw new IllegalStateException("sampling pg_stat_activity failed: " + out);
                }
                for (String line : out.split("\n")) {
                    String[] f = line.split("\u001f");
                    if (f.length == 4) {
                        averages.put(f[0] + ", " + f[1] + ": `" + f[2].replace("`", "'") + "`", Double.parseDouble(f[3]) / samples);
                    }
                }
                return averages;
            }
        }

        private static String psql(String database, String sql) {
            try {
                var process = new ProcessBuilder("psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-F", "\u001f",
                        "-d", database, "-c", sql).redirectErrorStream(true).start();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (process.waitFor() != 0) {
                    throw new IllegalStateException("psql failed: " + out + "\n" + sql);
                }
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** JSON over HTTP/1.1 with keep-alive, as a mobile browser or an integration would send it. */
    static final class Api {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        private final URI base;

        Api(URI base) {
            this.base = base;
        }

        record Response(int status, String body, String path) {
            @SuppressWarnings("unchecked")
            Map<String, Object> json() {
                return body.startsWith("{") ? (Map<String, Object>) Json.parse(body) : Map.of();
            }

            /** The status and the problem's title (RFC 9457), or the exception; never the request body. */
            String describe() {
                if (status < 0) {
                    return body;
                }
                Object title = json().get("title");
                Object detail = json().get("detail");
                return "HTTP " + status + (title == null ? "" : " " + title) + (detail == null ? "" : ": " + detail);
            }
        }

        /** Every money-moving POST carries a new {@code Idempotency-Key}, as API.md asks of clients. */
        Response post(String path, String apiKey, String json, boolean idempotent, String forwardedFor) {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json));
            if (apiKey != null) {
                request.header("Authorization", "Bearer " + apiKey);
            }
            if (idempotent) {
                request.header("Idempotency-Key", UUID.randomUUID().toString());
            }
            if (forwardedFor != null) {
                request.header("X-Forwarded-For", forwardedFor);
            }
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                return new Response(response.statusCode(), response.body(), path);
            } catch (IOException e) {
                return new Response(-1, e.getClass().getSimpleName() + ": " + e.getMessage(), path);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Response(-1, "interrupted", path);
            }
        }

        /** The response's JSON when it has the expected status; otherwise the sale cannot go on. */
        Map<String, Object> expect(String what, Response response, int status) {
            if (response.status() != status) {
                throw new SaleFailed(what + " → " + response.describe());
            }
            return response.json();
        }

        String id(String what, Response response, int status) {
            return (String) expect(what, response, status).get("id");
        }
    }

    /** Just enough JSON for the API's answers and the requests' bodies. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            Json json = new Json(text);
            Object value = json.value();
            json.space();
            if (json.i != text.length()) {
                throw new IllegalArgumentException("trailing characters at " + json.i);
            }
            return value;
        }

        private Object value() {
            space();
            char c = s.charAt(i);
            switch (c) {
                case '{' -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    i++;
                    space();
                    if (s.charAt(i) == '}') {
                        i++;
                        return map;
                    }
                    do {
                        space();
                        String key = string();
                        space();
                        expect(':');
                        map.put(key, value());
                        space();
                    } while (s.charAt(i++) == ',');
                    if (s.charAt(i - 1) != '}') {
                        throw new IllegalArgumentException("expected } at " + (i - 1));
                    }
                    return map;
                }
                case '[' -> {
                    List<Object> list = new ArrayList<>();
                    i++;
                    space();
                    if (s.charAt(i) == ']') {
                        i++;
                        return list;
                    }
                    do {
                        list.add(value());
                        space();
                    } while (s.charAt(i++) == ',');
                    if (s.charAt(i - 1) != ']') {
                        throw new IllegalArgumentException("expected ] at " + (i - 1));
                    }
                    return list;
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    int start = i;
                    while (i < s.length() && ",}] \n\r\t".indexOf(s.charAt(i)) < 0) {
                        i++;
                    }
                    String word = s.substring(start, i);
                    return switch (word) {
                        case "true" -> Boolean.TRUE;
                        case "false" -> Boolean.FALSE;
                        case "null" -> null;
                        default -> Double.parseDouble(word);
                    };
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            for (char c; (c = s.charAt(i++)) != '"'; ) {
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> out.append(e);
                }
            }
            return out.toString();
        }

        private void expect(char c) {
            if (s.charAt(i++) != c) {
                throw new IllegalArgumentException("expected " + c + " at " + (i - 1));
            }
        }

        private void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        static String write(Object value) {
            return switch (value) {
                case null -> "null";
                case String text -> quote(text);
                case Number number -> number.toString();
                case Boolean bool -> bool.toString();
                case Map<?, ?> map -> {
                    StringBuilder out = new StringBuilder("{");
                    map.forEach((k, v) -> out.append(out.length() > 1 ? "," : "").append(quote(k.toString())).append(':').append(write(v)));
                    yield out.append('}').toString();
                }
                case List<?> list -> {
                    StringBuilder out = new StringBuilder("[");
                    list.forEach(v -> out.append(out.length() > 1 ? "," : "").append(write(v)));
                    yield out.append(']').toString();
                }
                default -> throw new IllegalArgumentException("cannot write " + value.getClass());
            };
        }

        private static String quote(String text) {
            StringBuilder out = new StringBuilder("\"");
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format(L, "\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append('"').toString();
        }
    }
}
