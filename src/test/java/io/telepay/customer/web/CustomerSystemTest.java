package io.telepay.customer.web;

import static io.telepay.customer.CustomerFixtures.local;
import static io.telepay.customer.CustomerFixtures.mainlandMobile;
import static io.telepay.customer.CustomerFixtures.taiwanMobile;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.telepay.identity.StaffUser;
import io.telepay.shared.Ids;
import io.telepay.shared.Role;
import io.telepay.testing.Http;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CustomerSystemTest extends SystemTest {

    private static Map<String, Object> customer(String name, String phone) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("phone", phone);
        return body;
    }

    private static void assertProblem(Http.Response response, int status, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        if (field != null) {
            assertThat(response.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                    .as(response.toString()).contains(field);
        }
    }

    private long customersWithPhone(String e164) {
        return jdbc.sql("select count(*) from customer where phone = :phone").param("phone", e164).query(Long.class).single();
    }

    private String team() {
        return "組-" + Ids.randomToken(3);
    }

    @Test
    void anAgentCreatesACustomerNormalizedToE164AndSeesTheirNumberInFull() {
        StaffUser agent = newUser(Role.AGENT, team());
        String phone = taiwanMobile();
        Map<String, Object> body = customer("陳志明", local(phone));
        body.put("email", "chen@example.com.tw");
        body.put("consent", Map.of("marketing", true));
        var created = as(agent).post("/api/v1/customers", body);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode json = created.json();
        assertThat(json.get("id").asString()).startsWith("cus_");
        assertThat(created.header("Location")).endsWith("/api/v1/customers/" + json.get("id").asString());
        assertThat(json.get("phone").asString()).isEqualTo(phone);
        assertThat(json.get("email").asString()).isEqualTo("chen@example.com.tw");
        assertThat(json.get("contactVisible").asBoolean()).isTrue();
        assertThat(json.get("country").asString()).isEqualTo("TW");
        assertThat(json.get("ownerId").asString()).isEqualTo(agent.id());
        assertThat(json.get("consent").get("marketing").asBoolean()).isTrue();
        assertThat(json.get("consent").get("channel").asString()).isEqualTo("CALL");
        assertThat(json.get("consent").hasNonNull("givenAt")).isTrue();
        assertThat(json.get("doNotCall").asBoolean()).isFalse();

        assertThat(as(agent).get("/api/v1/customers/" + json.get("id").asString()).json().get("phone").asString()).isEqualTo(phone);
    }

    @Test
    void aMainlandNumberKeepsItsCountry() {
        StaffUser agent = newUser(Role.AGENT, team());
        String phone = mainlandMobile();
        var created = as(agent).post("/api/v1/customers", customer("王芳", phone.replace("+86", "+86 ")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("phone").asString()).isEqualTo(phone);
        assertThat(created.json().get("country").asString()).isEqualTo("CN");
    }

    @Test
    void supervisorsAdminsAndAnalystsSeePhoneAndEmailMasked() {
        String team = team();
        StaffUser agent = newUser(Role.AGENT, team);
        StaffUser supervisor = newUser(Role.SUPERVISOR, team);
        String phone = taiwanMobile();
        Map<String, Object> body = customer("林雅婷", phone);
        body.put("email", "lin.yating@example.com");
        String id = as(agent).post("/api/v1/customers", body).json().get("id").asString();

        for (Http client : List.of(as(supervisor), as(Role.ADMIN), as(Role.RISK_ANALYST))) {
            var seen = client.get("/api/v1/customers/" + id);
            assertThat(seen.status()).as(seen.toString()).isEqualTo(200);
            assertThat(seen.json().get("phone").asString()).isEqualTo("+886 9** *** " + phone.substring(phone.length() - 3));
            assertThat(seen.json().get("email").asString()).isEqualTo("l***@e***.com");
            assertThat(seen.json().get("contactVisible").asBoolean()).isFalse();
            assertThat(seen.body()).doesNotContain(phone.substring(4)).doesNotContain("lin.yating");
        }
    }

    @Test
    void aDuplicateNumberIs409NamingTheExistingCustomerOnlyToWhoMaySeeItAndNeverASecondCopy() {
        StaffUser agent = newUser(Role.AGENT, team());
        StaffUser other = newUser(Role.AGENT, team());
        StaffUser otherTeam = newUser(Role.AGENT, team());
        String phone = taiwanMobile();
        String id = as(agent).post("/api/v1/customers", customer("張偉", phone)).json().get("id").asString();

        var own = as(agent).post("/api/v1/customers", customer("張偉偉", local(phone)));
        assertProblem(own, 409, "phone");
        assertThat(own.json().get("customerId").asString()).isEqualTo(id);
        for (Http client : List.of(as(other), as(otherTeam))) {
            var again = client.post("/api/v1/customers", customer("張偉偉", local(phone)));
            assertProblem(again, 409, "phone");
            assertThat(again.json().has("customerId")).as(again.toString()).isFalse();
            assertThat(again.body()).doesNotContain(id);
        }
        assertThat(customersWithPhone(phone)).isEqualTo(1);
    }

    @Test
    void agentsRacingToCreateOneNumberMakeExactlyOneCustomer() throws Exception {
        String phone = taiwanMobile();
        List<Http> agents = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            agents.add(as(newUser(Role.AGENT, team())));
        }
        ExecutorService pool = Executors.newFixedThreadPool(agents.size());
        try {
            List<Future<Http.Response>> results = new ArrayList<>();
            for (Http agent : agents) {
                results.add(pool.submit((Callable<Http.Response>) () -> agent.post("/api/v1/customers", customer("李美玲", phone))));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Http.Response> result : results) {
                statuses.add(result.get().status());
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        } finally {
            pool.shutdown();
        }
        assertThat(customersWithPhone(phone)).isEqualTo(1);
    }

    @Test
    void anInvalidNumberIs400NamingPhone() {
        Http agent = as(newUser(Role.AGENT, team()));
        for (String bad : List.of("12345", "not a phone", "0912-345", "+999 123 456", "")) {
            assertProblem(agent.post("/api/v1/customers", customer("陳", bad)), 400, "phone");
        }
        assertProblem(agent.post("/api/v1/customers", Map.of("name", "陳")), 400, "phone");
    }

    @Test
    void wrongTypesAndMissingFieldsAre400NamingTheField() {
        Http agent = as(newUser(Role.AGENT, team()));
        assertProblem(agent.post("/api/v1/customers", Map.of("phone", taiwanMobile())), 400, "name");
        assertProblem(agent.postRaw("/api/v1/customers", "application/json",
                "{\"name\": {\"first\": \"陳\"}, \"phone\": \"" + taiwanMobile() + "\"}"), 400, "name");
        assertProblem(agent.postRaw("/api/v1/customers", "application/json",
                "{\"name\": \"陳\", \"phone\": \"" + taiwanMobile() + "\", \"consent\": {\"marketing\": \"perhaps\"}}"), 400, "consent.marketing");
        assertProblem(agent.postRaw("/api/v1/customers", "application/json",
                "{\"name\": \"陳\", \"phone\": \"" + taiwanMobile() + "\", \"consent\": {}}"), 400, "consent.marketing");
        assertProblem(agent.postRaw("/api/v1/customers", "application/json",
                "{\"name\": \"陳\", \"phone\": \"" + taiwanMobile() + "\", \"consent\": {\"marketing\": true, \"channel\": \"TELEPATHY\"}}"), 400, "consent.channel");
        assertProblem(agent.postRaw("/api/v1/customers", "application/json",
                "{\"name\": \"陳\", \"phone\": [\"" + taiwanMobile() + "\"]}"), 400, "phone");
        assertProblem(agent.post("/api/v1/customers", Map.of("name", "陳", "phone", taiwanMobile(), "email", "nope")), 400, "email");
        assertProblem(agent.post("/api/v1/customers", Map.of("name", "陳", "phone", taiwanMobile(), "country", "Taiwan")), 400, "country");
        assertProblem(agent.post("/api/v1/customers", Map.of("name", "陳", "phone", taiwanMobile(), "vip", true)), 400, "vip");
        assertProblem(agent.postRaw("/api/v1/customers", "application/json", "null"), 400, null);
    }

    @Test
    void aHundredKilobyteNameIs400AndNothingIsWritten() {
        Http agent = as(newUser(Role.AGENT, team()));
        String phone = taiwanMobile();
        assertProblem(agent.post("/api/v1/customers", customer("陳".repeat(100_000 / 3) + "x", phone)), 400, "name");
        assertProblem(agent.post("/api/v1/customers", customer("x".repeat(100_000), phone)), 400, "name");
        assertThat(customersWithPhone(phone)).isZero();
    }

    @Test
    void sqlAndHtmlInEveryStringFieldAreStoredAndReturnedAsText() {
        StaffUser agent = newUser(Role.AGENT, team());
        String name = "Robert'); DROP TABLE customer; -- <script>alert('x')</script> 陳";
        Map<String, Object> body = customer(name, taiwanMobile());
        body.put("email", "o'hara+test@example.com");
        var created = as(agent).post("/api/v1/customers", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        var read = as(agent).get("/api/v1/customers/" + id);
        assertThat(read.json().get("name").asString()).isEqualTo(name);
        assertThat(read.json().get("email").asString()).isEqualTo("o'hara+test@example.com");
        assertThat(read.contentType()).startsWith("application/json");

        var searched = as(agent).get("/api/v1/customers?q=" + java.net.URLEncoder.encode("'); DROP", java.nio.charset.StandardCharsets.UTF_8));
        assertThat(searched.status()).isEqualTo(200);
        assertThat(searched.json().get("items").valueStream().map(c -> c.get("id").asString()).toList()).contains(id);
        assertThat(as(agent).get("/api/v1/customers?q=%25").status()).isEqualTo(200);

        var patched = as(agent).header("Content-Type", "application/json").send(as(agent).request("/api/v1/customers/" + id)
                .header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\": \"<b>王</b>' OR '1'='1\"}")));
        assertThat(patched.json().get("name").asString()).isEqualTo("<b>王</b>' OR '1'='1");
    }

    @Test
    void anAgentFindsACustomerByThePhoneAsPeopleSayItAndByEmail() {
        StaffUser agent = newUser(Role.AGENT, team());
        String phone = taiwanMobile(); // +8869xxxxxxxx
        String local = "0" + phone.substring(4); // 09xxxxxxxx
        Map<String, Object> body = customer("林雅婷", phone);
        body.put("email", "Ya.Ting+" + phone.substring(8) + "@Example.com");
        String id = as(agent).post("/api/v1/customers", body).json().get("id").asString();

        for (String said : List.of(local, local.substring(0, 4) + "-" + local.substring(4, 7) + "-" + local.substring(7),
                local.substring(0, 4) + " " + local.substring(4, 7) + " " + local.substring(7),
                "+886 " + phone.substring(4, 7) + " " + phone.substring(7, 10) + " " + phone.substring(10),
                ((String) body.get("email")).toUpperCase(java.util.Locale.ROOT))) {
            var found = as(agent).get("/api/v1/customers?q=" + java.net.URLEncoder.encode(said, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(found.json().get("items").valueStream().map(c -> c.get("id").asString()).toList()).as(said).containsExactly(id);
        }
        // digits inside words are no phone number: a reference or a name with the same digits finds nobody by phone
        String wordy = "查無此人rpt_" + phone.substring(6, 10) + "x";
        assertThat(as(agent).get("/api/v1/customers?q=" + java.net.URLEncoder.encode(wordy, java.nio.charset.StandardCharsets.UTF_8))
                .json().get("items").valueStream().map(c -> c.get("id").asString()).toList()).as(wordy).doesNotContain(id);
    }

    @Test
    void anotherAgentGets404ForReadingChangingOrFlaggingACustomer() {
        String team = team();
        StaffUser owner = newUser(Role.AGENT, team);
        Http stranger = as(newUser(Role.AGENT, team));
        String phone = taiwanMobile();
        String id = as(owner).post("/api/v1/customers", customer("陳志明", phone)).json().get("id").asString();

        assertProblem(stranger.get("/api/v1/customers/" + id), 404, null);
        assertProblem(stranger.get("/api/v1/customers?phone=" + phone.replace("+", "%2B")), 404, null);
        assertProblem(patch(stranger, id, "{\"name\": \"hijacked\"}"), 404, null);
        assertProblem(stranger.post("/api/v1/customers/" + id + "/do-not-call", Map.of("reason", "x")), 404, null);
        assertThat(stranger.get("/api/v1/customers?q=" + phone.substring(5)).json().get("items").valueStream()
                .map(c -> c.get("id").asString()).toList()).doesNotContain(id);
        var unchanged = as(owner).get("/api/v1/customers/" + id).json();
        assertThat(unchanged.get("name").asString()).isEqualTo("陳志明");
        assertThat(unchanged.get("doNotCall").asBoolean()).isFalse();
    }

    @Test
    void supervisorsSeeTheirTeamsCustomersOnly() {
        String team = team();
        StaffUser agent = newUser(Role.AGENT, team);
        StaffUser otherTeamsAgent = newUser(Role.AGENT, team());
        Http supervisor = as(newUser(Role.SUPERVISOR, team));
        String mine = as(agent).post("/api/v1/customers", customer("陳", taiwanMobile())).json().get("id").asString();
        String theirs = as(otherTeamsAgent).post("/api/v1/customers", customer("王", taiwanMobile())).json().get("id").asString();

        assertThat(supervisor.get("/api/v1/customers/" + mine).status()).isEqualTo(200);
        assertProblem(supervisor.get("/api/v1/customers/" + theirs), 404, null);
        List<String> listed = supervisor.get("/api/v1/customers?limit=500").json().get("items").valueStream()
                .map(c -> c.get("id").asString()).toList();
        assertThat(listed).contains(mine).doesNotContain(theirs);
        assertProblem(patch(supervisor, theirs, "{\"name\": \"x\"}"), 404, null);
        assertThat(patch(supervisor, mine, "{\"name\": \"陳志明\"}").status()).isEqualTo(200);
    }

    @Test
    void findsByPhoneInAnyFormAndListsNewestFirstPageByPage() {
        StaffUser agent = newUser(Role.AGENT, team());
        Http client = as(agent);
        List<String> ids = new ArrayList<>();
        String lastPhone = null;
        for (int i = 0; i < 5; i++) {
            lastPhone = taiwanMobile();
            ids.add(client.post("/api/v1/customers", customer("客戶" + i, lastPhone)).json().get("id").asString());
        }
        var byPhone = client.get("/api/v1/customers?phone=" + local(lastPhone));
        assertThat(byPhone.json().get("id").asString()).isEqualTo(ids.getLast());
        assertProblem(client.get("/api/v1/customers?phone=abc"), 400, "phone");

        var first = client.get("/api/v1/customers?limit=2").json();
        assertThat(first.get("items").valueStream().map(c -> c.get("id").asString()).toList())
                .containsExactly(ids.get(4), ids.get(3));
        var second = client.get("/api/v1/customers?limit=2&cursor=" + first.get("nextCursor").asString()).json();
        assertThat(second.get("items").valueStream().map(c -> c.get("id").asString()).toList())
                .containsExactly(ids.get(2), ids.get(1));
        assertThat(client.get("/api/v1/customers?q=客戶3").json().get("items").valueStream()
                .map(c -> c.get("id").asString()).toList()).containsExactly(ids.get(3));
        assertProblem(client.get("/api/v1/customers?cursor=garbage"), 400, "cursor");
        assertProblem(client.get("/api/v1/customers?limit=0"), 400, "limit");
    }

    @Test
    void patchChangesOnlyWhatItNamesAndRecordsConsentWithChannelAndTime() {
        StaffUser agent = newUser(Role.AGENT, team());
        Map<String, Object> body = customer("陳志明", taiwanMobile());
        body.put("email", "old@example.com");
        String id = as(agent).post("/api/v1/customers", body).json().get("id").asString();
        assertThat(as(agent).get("/api/v1/customers/" + id).json().get("consent").get("marketing").asBoolean()).isFalse();

        var patched = patch(as(agent), id, "{\"consent\": {\"marketing\": true, \"channel\": \"WEB\"}}");
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        JsonNode json = patched.json();
        assertThat(json.get("name").asString()).isEqualTo("陳志明");
        assertThat(json.get("email").asString()).isEqualTo("old@example.com");
        assertThat(json.get("consent").get("marketing").asBoolean()).isTrue();
        assertThat(json.get("consent").get("channel").asString()).isEqualTo("WEB");
        assertThat(json.get("consent").hasNonNull("givenAt")).isTrue();

        var cleared = patch(as(agent), id, "{\"email\": \"\", \"name\": \"陳志明 Chen\"}").json();
        assertThat(cleared.has("email")).isFalse();
        assertThat(cleared.get("name").asString()).isEqualTo("陳志明 Chen");

        String taken = taiwanMobile();
        as(agent).post("/api/v1/customers", customer("王芳", taken));
        var clash = patch(as(agent), id, "{\"phone\": \"" + taken + "\"}");
        assertProblem(clash, 409, "phone");
        assertProblem(patch(as(agent), id, "{\"phone\": \"123\", \"name\": \"should not land\"}"), 400, "phone");
        assertThat(as(agent).get("/api/v1/customers/" + id).json().get("name").asString()).isEqualTo("陳志明 Chen");
    }

    @Test
    void agentsSetDoNotCallButOnlySupervisorsLiftIt() {
        String team = team();
        StaffUser agent = newUser(Role.AGENT, team);
        Http supervisor = as(newUser(Role.SUPERVISOR, team));
        String id = as(agent).post("/api/v1/customers", customer("陳", taiwanMobile())).json().get("id").asString();

        var flagged = as(agent).post("/api/v1/customers/" + id + "/do-not-call", Map.of("reason", "請不要再打來"));
        assertThat(flagged.status()).as(flagged.toString()).isEqualTo(200);
        assertThat(flagged.json().get("doNotCall").asBoolean()).isTrue();
        assertThat(flagged.json().get("doNotCallReason").asString()).isEqualTo("請不要再打來");
        assertThat(flagged.json().hasNonNull("doNotCallAt")).isTrue();

        assertProblem(delete(as(agent), "/api/v1/customers/" + id + "/do-not-call", "{\"reason\": \"x\"}"), 403, null);
        assertProblem(delete(supervisor, "/api/v1/customers/" + id + "/do-not-call", "{}"), 400, "reason");
        var lifted = delete(supervisor, "/api/v1/customers/" + id + "/do-not-call", "{\"reason\": \"customer called in and asked\"}");
        assertThat(lifted.status()).as(lifted.toString()).isEqualTo(200);
        assertThat(lifted.json().get("doNotCall").asBoolean()).isFalse();
        assertThat(jdbc.sql("select count(*) from audit_entry where subject = :id and action like 'customer.do-not-call%'")
                .param("id", id).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void supervisorsCreateForAnAgentOfTheirTeamAndReassign() {
        String team = team();
        StaffUser agent = newUser(Role.AGENT, team);
        StaffUser colleague = newUser(Role.AGENT, team);
        StaffUser outsider = newUser(Role.AGENT, team());
        Http supervisor = as(newUser(Role.SUPERVISOR, team));
        assertProblem(supervisor.post("/api/v1/customers", customer("陳", taiwanMobile())), 400, "ownerId");
        Map<String, Object> body = customer("陳", taiwanMobile());
        body.put("ownerId", outsider.id());
        assertProblem(supervisor.post("/api/v1/customers", body), 400, "ownerId");
        body.put("ownerId", agent.id());
        String id = supervisor.post("/api/v1/customers", body).json().get("id").asString();
        assertThat(as(agent).get("/api/v1/customers/" + id).status()).isEqualTo(200);

        var moved = supervisor.post("/api/v1/customers/" + id + "/assign", Map.of("agentId", colleague.id()));
        assertThat(moved.json().get("ownerId").asString()).isEqualTo(colleague.id());
        assertProblem(as(agent).get("/api/v1/customers/" + id), 404, null);
        assertThat(as(colleague).get("/api/v1/customers/" + id).json().get("contactVisible").asBoolean()).isTrue();
        assertProblem(as(agent).post("/api/v1/customers/" + id + "/assign", Map.of("agentId", agent.id())), 403, null);
    }

    @Test
    void analystsReadButCannotChangeAndAuditorsSeeNoCustomers() {
        StaffUser agent = newUser(Role.AGENT, team());
        String id = as(agent).post("/api/v1/customers", customer("陳", taiwanMobile())).json().get("id").asString();
        Http analyst = as(Role.RISK_ANALYST);
        assertThat(analyst.get("/api/v1/customers/" + id).status()).isEqualTo(200);
        assertProblem(patch(analyst, id, "{\"name\": \"x\"}"), 403, null);
        assertProblem(analyst.post("/api/v1/customers", customer("x", taiwanMobile())), 403, null);
        assertProblem(as(Role.AUDITOR).get("/api/v1/customers/" + id), 403, null);
        assertProblem(as(Role.TELEPHONY).get("/api/v1/customers?q=x"), 403, null);
    }

    @Test
    void everyChangeIsAudited() {
        StaffUser agent = newUser(Role.AGENT, team());
        String id = as(agent).post("/api/v1/customers", customer("陳", taiwanMobile())).json().get("id").asString();
        patch(as(agent), id, "{\"name\": \"陳志明\"}");
        List<String> actions = jdbc.sql("select action from audit_entry where subject = :id order by seq")
                .param("id", id).query(String.class).list();
        assertThat(actions).containsExactly("customer.created", "customer.updated");
        String details = jdbc.sql("select details from audit_entry where subject = :id order by seq limit 1")
                .param("id", id).query(String.class).single();
        assertThat(details).doesNotContain("+886");
    }

    private static Http.Response patch(Http client, String id, String json) {
        return client.send(client.request("/api/v1/customers/" + id).header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(json)));
    }

    private static Http.Response delete(Http client, String path, String json) {
        return client.send(client.request(path).header("Content-Type", "application/json")
                .method("DELETE", java.net.http.HttpRequest.BodyPublishers.ofString(json)));
    }
}
