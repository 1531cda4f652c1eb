package io.telepay.console.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import io.telepay.console.ConsolePageSupport;
import io.telepay.identity.StaffUser;
import io.telepay.shared.Role;
import io.telepay.testing.ConsoleSession;
import io.telepay.testing.Http;
import io.telepay.testing.RecordedEvents;
import io.telepay.testing.Sales;
import io.telepay.trust.Consumers;
import io.telepay.trust.Consumers.Files;
import io.telepay.trust.Consumers.Multipart;
import io.telepay.trust.FraudReported;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code /console/trust/reports}: the triage queue and a report's page — what happened, evidence with its
 * SHA-256 (opening a file and exporting the bundle land in the chain of custody), links, status — for
 * the staff the trust API admits, within their reach; never a card number on the page.
 */
class ReportsPageSystemTest extends ConsolePageSupport {

    private static final String PAGE = "/console/trust/reports";
    private static final byte[] TRANSCRIPT = Files.text("19:42 來電 02-8765-4321：請把簡訊驗證碼告訴我，我幫您取消重複扣款。");

    @Autowired
    RecordedEvents events;

    private final Sales sales = new Sales(this);

    /** A report from the public API with an MP3 and a transcript; answers its reference. */
    private String report(String contact) {
        var created = new Multipart()
                .field("description", "<script>alert('x')</script>對方自稱銀行客服，要我提供簡訊驗證碼，還唸了卡號 4242 4242 4242 4242。")
                .field("contact", contact).field("phone", "02-8765-4321").field("when", "2026-10-01T19:42")
                .field("askedFor", "SMS_CODE,SAFE_ACCOUNT_TRANSFER")
                .field("moneyLost", "{\"amount\": \"30000.00\", \"currency\": \"TWD\"}")
                .file("evidence", "錄音.mp3", "audio/mpeg", Files.mp3())
                .file("evidence", "transcript", "application/octet-stream", TRANSCRIPT)
                .post(Consumers.fromNewAddress(base()), "/api/v1/public/reports");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("reference").asString();
    }

    @Test
    void theTrustStaffReachTheDeskAndNobodyElse() {
        String reference = report(Consumers.newPhone());
        for (Role role : List.of(Role.AGENT, Role.AUDITOR)) {
            ConsoleSession other = signedIn(role);
            assertThat(other.http().get(PAGE).status()).as(role.name()).isEqualTo(403);
            assertThat(other.http().get(PAGE + "/" + reference).status()).as(role.name()).isEqualTo(403);
            assertThat(other.http().get(PAGE + "/" + reference + "/bundle").status()).as(role.name()).isEqualTo(403);
            assertThat(other.http().get("/console").body()).as(role.name()).doesNotContain("href=\"/console/trust/reports\"");
        }
        for (Role role : List.of(Role.RISK_ANALYST, Role.ADMIN, Role.SUPERVISOR)) {
            ConsoleSession staff = signedIn(role);
            assertThat(page(staff, PAGE, 200).body()).as(role.name()).contains(reference);
            assertThat(page(staff, PAGE + "/" + reference, 200).body()).as(role.name()).contains("+886287654321");
            assertThat(staff.http().get("/console").body()).as(role.name()).contains("href=\"/console/trust/reports\"");
        }
        ConsoleSession analyst = signedIn(Role.RISK_ANALYST);
        assertThat(page(analyst, PAGE + "/rpt_doesnotexist", 404).body()).contains("rpt_doesnotexist");
        assertThat(page(analyst, PAGE + "?status=LOST", 400).body()).contains("<b>Status</b>").contains("must be one of");
        assertThat(page(analyst, PAGE + "?lang=zh-TW", 200).body()).contains("詐騙檢舉").contains("已收件");
        assertThat(page(analyst, PAGE + "?lang=zh-CN", 200).body()).contains("诈骗举报").contains("已受理");
    }

    @Test
    void anAnalystReadsTheReportOpensEvidenceLinksAPaymentMovesItOnAndExportsTheBundle() throws IOException {
        String contact = Consumers.newPhone();
        String reference = report(contact);
        StaffUser analystUser = newUser(Role.RISK_ANALYST);
        ConsoleSession analyst = signedIn(analystUser);
        String detail = PAGE + "/" + reference;

        assertThat(page(analyst, PAGE + "?status=RECEIVED", 200).body()).contains(reference);
        assertThat(page(analyst, PAGE + "?status=CLOSED", 200).body()).doesNotContain(reference);
        String shown = page(analyst, detail, 200).body();
        assertThat(shown).contains("&lt;script&gt;").doesNotContain("<script>alert").contains("[card number removed]")
                .contains(contact).contains("NT$30,000").contains("audio/mpeg").contains("text/plain")
                .contains("2,048").contains(sha256(Files.mp3())).contains(sha256(TRANSCRIPT)).contains("evidence/02-transcript.txt");

        String evidenceId = jdbc.sql("select id from trust_evidence where report_id = :r and position = 2").param("r", reference)
                .query(String.class).single();
        HttpResponse<byte[]> opened = analyst.http().bytes(detail + "/evidence/" + evidenceId);
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.body()).isEqualTo(TRANSCRIPT);
        assertThat(opened.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment");
        assertThat(opened.headers().firstValue("X-Evidence-SHA256").orElseThrow()).isEqualTo(sha256(TRANSCRIPT));
        assertThat(opened.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        String custody = page(analyst, detail, 200).body();
        assertThat(custody).contains("data-testid=\"custody\"").contains(analystUser.displayName()).contains(">opened<");

        Sales.Sale sale = sales.confirmedOrder("1999.00", "TWD");
        var paid = http().header("Accept", "application/json").post("/pay/" + sales.payToken(sale), Sales.card(CARD, CVC));
        String paymentId = paid.json().get("paymentId").asString();
        Http.Response linked = post(analyst, detail, detail + "/links", List.of(field("kind", "PAYMENT"), field("target", paymentId)));
        assertThat(linked.status()).as(linked.body()).isEqualTo(302);
        String withLinks = page(analyst, detail, 200).body();
        assertThat(withLinks).contains(paymentId).contains(sale.agent().id()).contains(sale.agent().displayName())
                .contains(sale.customerId()).contains("PAYMENT:" + paymentId);
        // a linked call opens on the call's page
        String callId = sale.asAgent().post("/api/v1/calls", Map.of("customerId", sale.customerId(), "direction", "OUTBOUND"))
                .json().get("id").asString();
        assertThat(post(analyst, detail, detail + "/links", List.of(field("kind", "CALL"), field("target", callId))).status()).isEqualTo(302);
        assertThat(page(analyst, detail, 200).body()).contains("href=\"/console/risk/calls/" + callId + "\"");
        assertThat(page(analyst, "/console/risk/calls/" + callId, 200).body()).contains(sale.agent().displayName());
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> events.of(FraudReported.class).stream()
                .anyMatch(e -> e.reportId().equals(reference) && paymentId.equals(e.paymentId())));

        Http.Response moved = post(analyst, detail, detail + "/status", List.of(field("status", "IN_REVIEW"), field("note", "已聯絡發卡行")));
        assertThat(moved.status()).isEqualTo(302);
        String inReview = page(analyst, detail, 200).body();
        assertThat(inReview).contains("report-IN_REVIEW").contains(analystUser.displayName());
        assertThat(page(analyst, PAGE + "?status=IN_REVIEW", 200).body()).contains(reference);
        assertThat(page(analyst, PAGE + "?status=RECEIVED", 200).body()).doesNotContain(reference);

        HttpResponse<byte[]> bundle = analyst.http().bytes(detail + "/bundle");
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/zip");
        Map<String, byte[]> entries = unzip(bundle.body());
        assertThat(entries).containsKeys("manifest.json", "evidence/01-錄音.mp3", "evidence/02-transcript.txt");
        assertThat(entries.get("evidence/02-transcript.txt")).isEqualTo(TRANSCRIPT);
        assertThat(new String(entries.get("manifest.json"), StandardCharsets.UTF_8)).contains(sha256(Files.mp3())).contains("OPENED");
        assertThat(page(analyst, detail, 200).body()).contains(">exported<");
    }

    @Test
    void aBadLinkOrMoveIsRefusedNextToItsFieldWithoutEchoingACardNumber() {
        String reference = report(Consumers.newPhone());
        ConsoleSession analyst = signedIn(Role.RISK_ANALYST);
        String detail = PAGE + "/" + reference;

        Http.Response card = post(analyst, detail, detail + "/links", List.of(field("kind", "CARD"), field("target", CARD)));
        assertThat(card.status()).isEqualTo(400);
        assertClean("card typed as a fingerprint", card);
        assertThat(card.body()).contains("id=\"target-error\"").contains("must be a card fingerprint").contains("************4242");

        Http.Response unknown = post(analyst, detail, detail + "/links", List.of(field("kind", "PAYMENT"), field("target", "pay_unknown")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("id=\"target-error\"").contains("Nothing of this kind has this id").contains("value=\"pay_unknown\"");
        assertThat(jdbc.sql("select count(*) from trust_report_link where report_id = :r").param("r", reference).query(Long.class).single())
                .isZero();

        Http.Response bogus = post(analyst, detail, detail + "/status", List.of(field("status", "SOLVED")));
        assertThat(bogus.status()).isEqualTo(400);
        assertThat(bogus.body()).contains("id=\"status-error\"");
        assertThat(post(analyst, detail, detail + "/status", List.of(field("status", "CLOSED"), field("note", "重複檢舉"))).status()).isEqualTo(302);
        Http.Response illegal = post(analyst, detail, detail + "/status", List.of(field("status", "ESCALATED"), field("note", "卡號 " + CARD)));
        assertThat(illegal.status()).isEqualTo(409);
        assertClean("illegal move", illegal);
        assertThat(illegal.body()).contains("cannot move to ESCALATED");
        assertThat(jdbc.sql("select status from trust_report where id = :r").param("r", reference).query(String.class).single()).isEqualTo("CLOSED");
    }

    @Test
    void linksAndMovesNeedTheCsrfTokenAndAChangedFileIsNotHandedOut() {
        String reference = report(Consumers.newPhone());
        ConsoleSession analyst = signedIn(Role.RISK_ANALYST);
        String detail = PAGE + "/" + reference;
        assertThat(postWithout(analyst, detail + "/status", List.of(field("status", "IN_REVIEW"))).status()).isEqualTo(403);
        assertThat(postWithout(analyst, detail + "/links", List.of(field("kind", "AGENT"), field("target", "usr_x"))).status()).isEqualTo(403);
        assertThat(jdbc.sql("select status from trust_report where id = :r").param("r", reference).query(String.class).single()).isEqualTo("RECEIVED");

        String evidenceId = jdbc.sql("select id from trust_evidence where report_id = :r and position = 1").param("r", reference)
                .query(String.class).single();
        jdbc.sql("update trust_evidence set sealed = :s where id = :id").param("s", new byte[64]).param("id", evidenceId).update();
        Http.Response refused = analyst.http().get(detail + "/evidence/" + evidenceId);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("text/html");
        assertThat(analyst.http().get(detail + "/bundle").status()).isEqualTo(409);
        assertThat(page(analyst, detail, 200).body()).contains("integrity check failed");
    }

    @Test
    void aSupervisorSeesOnlyReportsAboutTheirTeamWithTheContactMasked() {
        String team = "rpt-" + io.telepay.shared.Ids.randomToken(3);
        StaffUser own = newUser(Role.AGENT, team);
        StaffUser stranger = newUser(Role.AGENT);
        String contact = Consumers.newPhone();
        String aboutOwn = report(contact);
        String aboutOther = report(Consumers.newPhone());
        Http analystApi = as(Role.RISK_ANALYST);
        analystApi.post("/api/v1/reports/" + aboutOwn + "/links", Map.of("kind", "AGENT", "id", own.id()));
        analystApi.post("/api/v1/reports/" + aboutOther + "/links", Map.of("kind", "AGENT", "id", stranger.id()));

        ConsoleSession supervisor = signedIn(newUser(Role.SUPERVISOR, team));
        String queue = page(supervisor, PAGE, 200).body();
        assertThat(queue).contains(aboutOwn).doesNotContain(aboutOther);
        assertThat(page(supervisor, PAGE + "/" + aboutOwn, 200).body()).doesNotContain(contact).contains(own.displayName());
        assertThat(page(supervisor, PAGE + "/" + aboutOther, 404).body()).doesNotContain(stranger.displayName());
        assertThat(supervisor.http().get(PAGE + "/" + aboutOther + "/bundle").status()).isEqualTo(404);
        assertThat(post(supervisor, PAGE + "/" + aboutOwn, PAGE + "/" + aboutOther + "/status", List.of(field("status", "CLOSED"))).status())
                .isEqualTo(404);
    }

    @Test
    void anAnalystFindsACustomerByPhoneAndLinksThemWithoutACardNumberEverEchoed() {
        String reference = report(Consumers.newPhone());
        String customer = sales.customer(as(newUser(Role.AGENT)));
        String phone = jdbc.sql("select phone from customer where id = :c").param("c", customer).query(String.class).single();
        ConsoleSession analyst = signedIn(Role.RISK_ANALYST);
        String detail = PAGE + "/" + reference;

        Http.Response found = post(analyst, detail, detail + "/customers", List.of(field("query", phone)));
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body()).contains("data-testid=\"customers-found\"").contains(customer).contains("Link this customer");
        assertThat(post(analyst, detail, detail + "/links", List.of(field("kind", "CUSTOMER"), field("target", customer))).status())
                .isEqualTo(302);
        assertThat(jdbc.sql("select count(*) from trust_report_link where report_id = :r and kind = 'CUSTOMER' and target_id = :c")
                .param("r", reference).param("c", customer).query(Long.class).single()).isEqualTo(1);

        Http.Response card = post(analyst, detail, detail + "/customers", List.of(field("query", "卡號 " + CARD)));
        assertThat(card.status()).isEqualTo(200);
        assertClean("card typed into the customer finder", card);
        assertThat(card.body()).contains("id=\"customer-query-error\"").contains("must not contain a card number")
                .doesNotContain("data-testid=\"customers-found\"");
        assertThat(post(analyst, detail, detail + "/customers", List.of(field("query", "  "))).body())
                .contains("id=\"customer-query-error\"").contains("is required");
        assertThat(post(analyst, detail, detail + "/customers", List.of(field("query", "查無此人" + reference))).body())
                .contains("No customer matches.");
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
