package io.telepay.customer.lead;

import static io.telepay.customer.CustomerFixtures.local;
import static io.telepay.customer.CustomerFixtures.mainlandMobile;
import static io.telepay.customer.CustomerFixtures.taiwanMobile;
import static io.telepay.customer.LeadUploads.importAndWait;
import static io.telepay.customer.LeadUploads.upload;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.telepay.identity.StaffUser;
import io.telepay.shared.Ids;
import io.telepay.shared.Role;
import io.telepay.testing.Http;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class LeadImportSystemTest extends SystemTest {

    @Autowired
    LeadImports imports;

    private String team() {
        return "組-" + Ids.randomToken(3);
    }

    private static void assertProblem(Http.Response response, int status, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        if (field != null) {
            assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
        }
    }

    @Test
    void importsNewLeadsAndReportsEveryOtherRowWithRowFieldAndReason() {
        String team = team();
        StaffUser agent = newUser(Role.AGENT, team);
        StaffUser supervisorUser = newUser(Role.SUPERVISOR, team);
        Http supervisor = as(supervisorUser);
        String existing = taiwanMobile();
        String doNotCall = taiwanMobile();
        as(agent).post("/api/v1/customers", Map.of("name", "老客戶", "phone", existing));
        String flagged = as(agent).post("/api/v1/customers", Map.of("name", "勿擾", "phone", doNotCall)).json().get("id").asString();
        as(agent).post("/api/v1/customers/" + flagged + "/do-not-call", Map.of("reason", "asked"));
        String first = taiwanMobile();
        String second = mainlandMobile();
        String sql = taiwanMobile();
        String campaign = "春季保險-" + Ids.randomToken(3);
        String csv = "\uFEFFname,phone,email,source,campaign\n"
                + "陳志明," + local(first) + ",chen@example.com,facebook," + campaign + "\n"      // row 2: imported
                + "王芳," + second + ",,,\n"                                                        // row 3: imported, default campaign
                + "老客戶," + existing + ",,web," + campaign + "\n"                                 // row 4: duplicate of a customer
                + "勿擾," + local(doNotCall) + ",,web," + campaign + "\n"                          // row 5: do-not-call
                + "陳志明二," + first + ",,web," + campaign + "\n"                                  // row 6: duplicate of row 2
                + "壞號碼,12345,,web," + campaign + "\n"                                           // row 7: bad phone
                + "," + taiwanMobile() + ",,web," + campaign + "\n"                                // row 8: no name
                + "\"" + "長".repeat(300) + "\"," + taiwanMobile() + ",nope,web," + campaign + "\n" // row 9: long name, bad email
                + "\"Robert'); DROP TABLE lead; --<script>\"," + sql + ",,web," + campaign + "\n";  // row 10: imported as text

        JsonNode job = importAndWait(supervisor, csv, Map.of("ownerId", agent.id(), "campaign", campaign));

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("COMPLETED");
        assertThat(job.get("totalRows").asInt()).isEqualTo(9);
        assertThat(job.get("processedRows").asInt()).isEqualTo(9);
        assertThat(job.get("progress").asInt()).isEqualTo(100);
        assertThat(job.get("imported").asInt()).isEqualTo(3);
        assertThat(job.get("duplicates").asInt()).isEqualTo(2);
        assertThat(job.get("doNotCall").asInt()).isEqualTo(1);
        assertThat(job.get("rejected").asInt()).isEqualTo(3);

        JsonNode issues = supervisor.get(job.get("issues").asString()).json().get("items");
        assertThat(issues.valueStream().map(i -> i.get("row").asInt() + ":" + i.get("field").asString() + ":" + i.get("kind").asString()).toList())
                .containsExactly("4:phone:DUPLICATE", "5:phone:DO_NOT_CALL", "6:phone:DUPLICATE", "7:phone:REJECTED",
                        "8:name:REJECTED", "9:email:REJECTED", "9:name:REJECTED");
        assertThat(issues.get(2).get("reason").asString()).isEqualTo("same phone number as row 2");
        assertThat(issues.toString()).doesNotContain(doNotCall.substring(4)).doesNotContain("長長");

        var report = supervisor.get(job.get("issuesCsv").asString());
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.contentType()).startsWith("text/csv");
        assertThat(report.body().lines().toList()).hasSize(8).first().isEqualTo("row,field,kind,reason");
        assertThat(report.body()).contains("7,phone,REJECTED,\"phone is not a valid phone number\"");

        var imported = jdbc.sql("select c.name, c.owner_id, c.country, l.campaign, l.source, l.status from customer c join lead l on l.customer_id = c.id where c.import_id = :job order by c.name")
                .param("job", job.get("id").asString()).query((rs, n) -> List.of(rs.getString(1), rs.getString(2),
                        String.valueOf(rs.getString(3)), String.valueOf(rs.getString(4)), String.valueOf(rs.getString(5)), rs.getString(6))).list();
        assertThat(imported).containsExactlyInAnyOrder(
                List.of("陳志明", agent.id(), "TW", campaign, "facebook", "OPEN"),
                List.of("王芳", agent.id(), "CN", campaign, "null", "OPEN"),
                List.of("Robert'); DROP TABLE lead; --<script>", agent.id(), "TW", campaign, "web", "OPEN"));
        assertThat(jdbc.sql("select count(*) from lead where customer_id = :id").param("id", flagged).query(Long.class).single()).isZero();

        List<String> audited = jdbc.sql("select action from audit_entry where subject = :id order by seq")
                .param("id", job.get("id").asString()).query(String.class).list();
        assertThat(audited).containsExactly("lead-import.queued", "lead-import.finished");
    }

    @Test
    void refusesUnusableUploadsAtOnceNamingTheFile() {
        String team = team();
        Http supervisor = as(newUser(Role.SUPERVISOR, team));
        assertProblem(upload(supervisor, (byte[]) null, Map.of()), 400, "file");
        assertProblem(upload(supervisor, "", Map.of()), 400, "file");
        assertProblem(upload(supervisor, "name,email\n陳,a@b.co\n", Map.of()), 400, "file");
        assertProblem(upload(supervisor, "name,phone\n陳志明,0912345678\n".getBytes(Charset.forName("Big5")), Map.of()), 400, "file");
        assertProblem(upload(supervisor, "name,phone\n\"陳\"x,0912345678\n", Map.of()), 400, "file");
        assertProblem(upload(supervisor, "name,phone\n陳,0912345678\n", Map.of("ownerId", newUser(Role.AGENT, team()).id())), 400, "ownerId");
        assertProblem(upload(supervisor, "name,phone\n陳,0912345678\n", Map.of("campaign", "x".repeat(101))), 400, "campaign");
        assertProblem(supervisor.post("/api/v1/leads/imports", Map.of("file", "name,phone")), 415, null);
        assertProblem(upload(as(newUser(Role.AGENT, team)), "name,phone\n陳,0912345678\n", Map.of()), 403, null);
    }

    @Test
    void aJobIsVisibleToItsRequesterTheirTeamAndAdminsOnly() {
        String team = team();
        StaffUser agent = newUser(Role.AGENT, team);
        Http supervisor = as(newUser(Role.SUPERVISOR, team));
        JsonNode job = importAndWait(supervisor, "name,phone\n陳," + taiwanMobile() + "\n", Map.of("ownerId", agent.id()));
        String path = "/api/v1/leads/imports/" + job.get("id").asString();
        assertThat(as(newUser(Role.SUPERVISOR, team)).get(path).status()).isEqualTo(200);
        assertThat(as(Role.ADMIN).get(path).status()).isEqualTo(200);
        assertProblem(as(newUser(Role.SUPERVISOR, team())).get(path), 404, null);
        assertProblem(as(newUser(Role.SUPERVISOR, team())).get(path + "/issues"), 404, null);
        assertProblem(as(newUser(Role.SUPERVISOR, team())).get(path + "/issues.csv"), 404, null);
        assertProblem(as(Role.ADMIN).get("/api/v1/leads/imports/imp_nosuchjob"), 404, null);

        String id = job.get("id").asString();
        assertThat(supervisor.get("/api/v1/leads/imports?limit=500").json().get("items").valueStream()
                .map(j -> j.get("id").asString()).toList()).contains(id);
        assertThat(as(newUser(Role.SUPERVISOR, team())).get("/api/v1/leads/imports?limit=500").json().get("items").valueStream()
                .map(j -> j.get("id").asString()).toList()).doesNotContain(id);
    }

    @Test
    void aJobWhoseServerStoppedIsMarkedInterruptedNotLeftRunning() {
        String orphan = Ids.next("imp_");
        String silent = Ids.next("imp_");
        String alive = Ids.next("imp_");
        // heartbeats are wall-clock time (LeadImports.WALL_CLOCK), whatever other tests did to the business clock
        Instant now = Instant.now();
        insertJob(orphan, "RUNNING", now.minusSeconds(86_400));
        insertJob(silent, "QUEUED", now.minusSeconds(600));
        insertJob(alive, "RUNNING", now.plusSeconds(3600));

        imports.interruptOrphans();
        imports.heartbeat();

        assertThat(status(orphan)).isEqualTo("INTERRUPTED");
        assertThat(status(silent)).isEqualTo("INTERRUPTED");
        assertThat(status(alive)).isEqualTo("RUNNING");
        assertThat(jdbc.sql("select failure from lead_import where id = :id").param("id", orphan).query(String.class).single())
                .contains("upload the file again");
        jdbc.sql("update lead_import set status = 'FAILED' where id = :id").param("id", alive).update();
    }

    private void insertJob(String id, String status, Instant heartbeat) {
        jdbc.sql("""
                insert into lead_import (id, status, total_rows, requested_by, created_at, heartbeat_at)
                values (:id, :status, 10, 'usr_test', :at, :heartbeat)""")
                .param("id", id).param("status", status).param("at", OffsetDateTime.now(ZoneOffset.UTC))
                .param("heartbeat", heartbeat.atOffset(ZoneOffset.UTC)).update();
    }

    private String status(String id) {
        return jdbc.sql("select status from lead_import where id = :id").param("id", id).query(String.class).single();
    }
}
