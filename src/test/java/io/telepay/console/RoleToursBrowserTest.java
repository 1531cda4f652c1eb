package io.telepay.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.telepay.identity.StaffUser;
import io.telepay.shared.Role;
import io.telepay.testing.ConsoleSession;
import io.telepay.testing.Http;
import io.telepay.testing.RiskRulesInShadow;
import io.telepay.testing.Sales;
import io.telepay.testing.TestCards;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 16's "done when": every role walks its console at 1366×768 in English, 繁體中文 and 简体中文, from the page
 * sign-in lands on through every console link it can reach (one page of each kind), on a world with a sale paid after
 * a decline and partly refunded, a refund waiting for approval, a held payment, a card blocked by a default rule
 * for paying for a third customer, an alert from a call note and a webhook endpoint. Each
 * page fails the test on a raw message key, sideways scrolling, a developer-style error (an exception, a field path
 * such as {@code lines[1].sku}, an unfilled {@code {placeholder}}), one of Telepay's ids outside a code element, and in
 * Chinese on an English word that is not a name, an id or a code.
 */
class RoleToursBrowserTest extends BrowserTest {

    /** Pages of different kinds a tour opens at most (the analyst has the most: alerts, rules, lists, reports, models). */
    private static final int PAGES = 40;
    private static final Pattern RAW_ID = Pattern.compile(
            "\\b(?:pay|ord|cus|usr|alr|call|note|rpt|ps|evt|whk|whd|msg|key|led|opa|prd|obn)_[a-z0-9]{16,}\\b");
    private static final Pattern DEVELOPER = Pattern.compile(
            "Exception|Whitelabel|Internal Server Error|\\bjava\\.|\\$\\{|#\\{|\\w\\[\\d+]\\.\\w|\\{[a-z][A-Za-z0-9]*(?:\\.[A-Za-z0-9]+)+}");
    /** How many kinds of page each role reaches at least on this world (counted when the test was written). */
    private static final Map<Role, Integer> LEAST = Map.of(Role.AGENT, 8, Role.SUPERVISOR, 15, Role.RISK_ANALYST, 18,
            Role.ADMIN, 28, Role.AUDITOR, 5);
    private static final List<String> NOT_PAGES = List.of("/logout", "/export", ".csv", "/bundle", "/evidence/", "/events");

    private static World world;

    private final Sales sales = new Sales(this);

    @Autowired
    RiskRulesInShadow shadow;

    record World(Map<Role, StaffUser> staff, Map<Role, List<String>> starts) {
    }

    static Stream<Arguments> tours() {
        return Stream.of(Role.AGENT, Role.SUPERVISOR, Role.RISK_ANALYST, Role.ADMIN, Role.AUDITOR)
                .flatMap(role -> Stream.of("en", "zh-TW", "zh-CN").map(lang -> Arguments.of(role, lang)));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("tours")
    void everyPageOfTheRoleReadsInTheLanguageAndFits(Role role, String lang) throws IOException {
        World w = world();
        List<String> names = names();
        WebDriver browser = browser(1366, 768);
        signIn(browser, w.staff().get(role));
        List<String> starts = new ArrayList<>(w.starts().get(role));
        starts.addFirst(ConsoleSession.home(w.staff().get(role)));
        Deque<String> queue = new ArrayDeque<>(starts);
        Set<String> kinds = new HashSet<>();
        List<String> visited = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        while (!queue.isEmpty() && visited.size() < PAGES) {
            String path = queue.poll();
            // the pages the world was made for, each; the pages found from them, one of each kind
            if (!kinds.add(kind(path)) && !starts.contains(path)) {
                continue;
            }
            browser.get(base() + path + (path.contains("?") ? "&" : "?") + "lang=" + lang);
            visited.add(path);
            try {
                reads(browser, lang, names);
            } catch (AssertionError problem) {
                problems.add(problem.getMessage());
            }
            if (visited.size() <= starts.size()) {
                shot(browser, "tour-" + role.name().toLowerCase(java.util.Locale.ROOT) + "-" + lang + "-" + visited.size());
            }
            links(browser).stream().filter(link -> NOT_PAGES.stream().noneMatch(link::contains)).forEach(queue::add);
        }
        assertThat(problems).as("what the tour found, page by page").isEmpty();
        assertThat(visited).as("the tour reached the role's pages").hasSizeGreaterThanOrEqualTo(LEAST.get(role));
    }

    /**
     * What people named, which no translation touches: staff, customers, products and the rules analysts wrote (the
     * database is shared with the rest of the suite, whose data the lists show too), longest first.
     */
    private List<String> names() {
        return jdbc.sql("""
                        select display_name from staff_user union select name from customer union select name from product
                        union select name from risk_rule where created_by <> 'system'""")
                .query(String.class).list().stream().sorted(java.util.Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** One page of each kind: the path with its ids as {id}, and the names of its query parameters. */
    private static String kind(String path) {
        String[] parts = path.split("\\?", 2);
        String kind = parts[0].replaceAll("/[a-z]{2,5}_[a-z0-9_]+", "/{id}");
        if (parts.length > 1) {
            kind += "?" + new TreeSet<>(Stream.of(parts[1].split("&")).map(p -> p.split("=", 2)[0]).toList());
        }
        return kind;
    }

    @SuppressWarnings("unchecked")
    private static List<String> links(WebDriver browser) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript("""
                return Array.from(document.querySelectorAll('a[href^="/console"]')).map(a => a.getAttribute('href').split('#')[0]);""");
    }

    private static void reads(WebDriver browser, String lang, List<String> names) {
        clean(browser);
        String where = browser.getCurrentUrl();
        String text = visibleText(browser, "code, .copy, .reference, script, style, title, input, textarea");
        assertThat(text).as(where + " has a developer-style error").doesNotContainPattern(DEVELOPER);
        Matcher id = RAW_ID.matcher(text);
        assertThat(id.find() ? id.group() : null).as(where + " shows an id outside a code element").isNull();
        if (!lang.equals("en")) {
            inChinese(browser, names);
        }
    }

    private synchronized World world() {
        if (world == null) {
            world = build();
        }
        return world;
    }

    private World build() {
        Sales.Sale sale = sales.confirmedOrder("1999.00", "TWD");
        StaffUser agent = sale.agent();
        String team = staff.get(agent.id()).team();
        StaffUser supervisor = newUser(Role.SUPERVISOR, team);
        StaffUser analyst = newUser(Role.RISK_ANALYST);
        StaffUser admin = newUser(Role.ADMIN);
        StaffUser auditor = newUser(Role.AUDITOR);

        // paid after a decline, then partly refunded
        String token = sales.payToken(sale);
        assertThat(pay(token, "4000000000000002").json().get("status").asString()).isEqualTo("DECLINED");
        String paid = pay(token, TestCards.fresh()).json().get("paymentId").asString();
        assertThat(sale.asAgent().post("/api/v1/payments/" + paid + "/refunds", Map.of("amount", Map.of("amount", "500.00",
                "currency", "TWD"), "reason", "客戶退回一件商品")).status()).isIn(200, 201);

        // a refund above the threshold waits for the supervisor
        Sales.Sale large = sales.confirmedOrderFor(new Sales.Sale(agent, sale.asAgent(), sale.customerId(),
                sales.product("30000.00", "TWD"), null, null));
        String largePaid = pay(sales.payToken(large), TestCards.fresh()).json().get("paymentId").asString();
        assertThat(sale.asAgent().post("/api/v1/payments/" + largePaid + "/refunds", Map.of("amount", Map.of("amount", "12000.00",
                "currency", "TWD"), "reason", "年約取消")).status()).isIn(200, 201, 202);

        // a payment held by a rule the analyst wrote
        String amount = "4" + (100 + ThreadLocalRandom.current().nextInt(899)) + ".47";
        Http asAnalyst = as(analyst);
        String rule = asAnalyst.post("/api/v1/risk/rules", Map.of("name", "導覽測試：保留 " + amount, "expression",
                "amount == " + amount + " TWD", "action", "REVIEW", "mode", "ACTIVE", "enabled", true, "score", 60,
                "reason", "金額與平常不同，需人工審核")).json().get("id").asString();
        String held;
        try {
            Sales.Sale review = sales.confirmedOrderFor(new Sales.Sale(agent, sale.asAgent(), sale.customerId(),
                    sales.product(amount, "TWD"), null, null));
            held = pay(sales.payToken(review), TestCards.fresh()).json().get("paymentId").asString();
        } finally {
            asAnalyst.post("/api/v1/risk/rules/" + rule + "/disable", Map.of());
        }

        // one card paying for a third customer: refused by a default rule (in SHADOW in the suite), an alert on the card
        String card = TestCards.fresh();
        Sales.Sale first = sales.confirmedOrder("880.00", "TWD");
        String blocked;
        shadow.mode("rul_card_many_customers", "ACTIVE");
        try {
            pay(sales.payToken(first), card);
            pay(sales.payToken(sales.confirmedOrderForNewCustomer(first)), card);
            Http.Response third = pay(sales.payToken(sales.confirmedOrderForNewCustomer(first)), card);
            assertThat(third.json().get("status").asString()).as(third.toString()).isEqualTo("DECLINED");
            blocked = third.json().get("paymentId").asString();
        } finally {
            shadow.mode("rul_card_many_customers", "SHADOW");
        }
        String cardAlert = jdbc.sql("""
                        select id from risk_alert where subject_kind = 'CARD'
                        and subject = (select card_fingerprint from payment where id = :p)""")
                .param("p", blocked).query(String.class).list().getFirst();
        String hook = as(admin).post("/api/v1/webhook-endpoints", Map.of("url", "https://hooks.example.com/telepay",
                "events", List.of("payment.captured"))).json().get("id").asString();

        // an alert on the agent from a call note
        String call = sale.asAgent().post("/api/v1/calls", Map.of("customerId", sale.customerId(), "direction", "OUTBOUND"))
                .json().get("id").asString();
        sale.asAgent().post("/api/v1/calls/" + call + "/notes", Map.of("text", "請把手機收到的簡訊驗證碼念給我"));
        String alert = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> jdbc.sql(
                        "select id from risk_alert where subject = :agent and signal = 'SECRET_REQUESTED'")
                .param("agent", agent.id()).query(String.class).optional(), java.util.Optional::isPresent).orElseThrow();

        Map<Role, StaffUser> people = Map.of(Role.AGENT, agent, Role.SUPERVISOR, supervisor, Role.RISK_ANALYST, analyst,
                Role.ADMIN, admin, Role.AUDITOR, auditor);
        Map<Role, List<String>> starts = Map.of(
                Role.AGENT, List.of("/console/desk?customer=" + sale.customerId() + "&order=" + sale.orderId(), "/console/payments/" + paid),
                Role.SUPERVISOR, List.of("/console/team/held", "/console/team/approvals", "/console/payments/" + paid),
                Role.RISK_ANALYST, List.of("/console/risk/alerts/" + alert, "/console/risk/decisions/" + held, "/console/payments/" + held,
                        "/console/risk/decisions/" + blocked, "/console/risk/alerts/" + cardAlert, "/console/risk/rules/rul_card_many_customers"),
                Role.ADMIN, List.of("/console/payments/" + largePaid, "/console/admin/webhooks/" + hook),
                Role.AUDITOR, List.of());
        return new World(people, starts);
    }

    private Http.Response pay(String token, String card) {
        Http.Response result = http().header("Accept", "application/json").post("/pay/" + token, Sales.card(card, "123"));
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        return result;
    }
}
