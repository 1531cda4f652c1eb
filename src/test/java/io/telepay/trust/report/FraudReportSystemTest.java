package io.telepay.trust.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import io.telepay.identity.StaffUser;
import io.telepay.shared.Role;
import io.telepay.testing.Http;
import io.telepay.testing.RecordedEvents;
import io.telepay.testing.Sales;
import io.telepay.testing.SystemTest;
import io.telepay.trust.Consumers;
import io.telepay.trust.Consumers.Files;
import io.telepay.trust.Consumers.Multipart;
import io.telepay.trust.FraudReported;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Fraud reports from the public form and API to the triage desk, the evidence bundle, and every way in that must fail. */
class FraudReportSystemTest extends SystemTest {

    private static final String REPORTS = "/api/v1/public/reports";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    RecordedEvents events;

    private final Sales sales = new Sales(this);

    private Http consumer() {
        return Consumers.fromNewAddress(base());
    }

    private static Multipart report(String contact) {
        return new Multipart().field("description", "對方自稱銀行客服，要我提供簡訊驗證碼並把錢轉到安全帳戶。")
                .field("contact", contact);
    }

    private String submitted(Multipart multipart) {
        var created = multipart.post(consumer(), REPORTS);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("reference").asString();
    }

    private static String sha256(byte[] bytes) {
        return EvidenceLocker.sha256(bytes);
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

    private byte[] bundle(Http staff, String reference) {
        var response = Consumers.bytes(staff, "/api/v1/reports/" + reference + "/evidence-bundle");
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/zip");
        return response.body();
    }

    @Test
    void aReportWithEvidenceIsReceivedHashedAndEncryptedAtRest() {
        String contact = Consumers.newPhone();
        byte[] transcript = Files.text("19:42 來電 02-8765-4321：請把簡訊驗證碼告訴我，我幫您取消重複扣款。");
        var created = report(contact).field("phone", "02-8765-4321").field("when", "2026-10-01T19:42")
                .field("askedFor", "SMS_CODE,SAFE_ACCOUNT_TRANSFER").field("askedFor", "pin")
                .field("moneyLost", "{\"amount\": \"30000.00\", \"currency\": \"TWD\"}")
                .file("evidence", "錄音.mp3", "audio/mpeg", Files.mp3())
                .file("evidence[]", "截圖.png", "image/png", Files.png())
                .file("evidence", "對話.pdf", "application/pdf", Files.pdf())
                .file("evidence", "transcript", "application/octet-stream", transcript)
                .post(consumer(), REPORTS);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode receipt = created.json();
        String reference = receipt.get("reference").asString();
        assertThat(reference).matches("rpt_[a-z2-7]{26}");
        assertThat(receipt.get("status").asString()).isEqualTo("RECEIVED");
        JsonNode files = receipt.get("evidence");
        assertThat(files).hasSize(4);
        assertThat(files.get(0).get("sha256").asString()).isEqualTo(sha256(Files.mp3()));
        assertThat(files.get(0).get("mediaType").asString()).isEqualTo("audio/mpeg");
        assertThat(files.get(1).get("mediaType").asString()).isEqualTo("image/png");
        assertThat(files.get(2).get("mediaType").asString()).isEqualTo("application/pdf");
        assertThat(files.get(3).get("mediaType").asString()).isEqualTo("text/plain");
        assertThat(files.get(3).get("name").asString()).isEqualTo("transcript.txt");
        assertThat(files.get(3).get("sha256").asString()).isEqualTo(sha256(transcript));

        JsonNode seen = as(Role.RISK_ANALYST).get("/api/v1/reports/" + reference).json();
        assertThat(seen.get("callerPhone").asString()).isEqualTo("+886287654321");
        assertThat(seen.get("contact").asString()).isEqualTo(contact);
        assertThat(seen.get("source").asString()).isEqualTo("API");
        assertThat(seen.get("moneyLost").get("amount").asString()).isEqualTo("30000.00");
        assertThat(seen.get("happenedAt").asString()).isEqualTo("2026-10-01T11:42:00Z");
        assertThat(seen.get("askedFor").toString()).contains("SMS_CODE", "SAFE_ACCOUNT_TRANSFER", "PIN");
        assertThat(seen.get("evidence")).hasSize(4);

        byte[] sealed = jdbc.sql("select sealed from trust_evidence where report_id = :r and position = 4").param("r", reference)
                .query((rs, n) -> rs.getBytes(1)).single();
        assertThat(new String(sealed, StandardCharsets.UTF_8)).doesNotContain("簡訊驗證碼");
        assertThat(indexOf(sealed, transcript)).as("stored encrypted").isNegative();
        var custody = as(Role.RISK_ANALYST).get("/api/v1/reports/" + reference + "/custody").json();
        assertThat(custody).hasSize(4);
        assertThat(custody.get(0).get("action").asString()).isEqualTo("RECEIVED");
        assertThat(custody.get(0).get("origin").asString()).startsWith("ip=127.");

        FraudReported event = await().atMost(Duration.ofSeconds(5)).until(() -> events.of(FraudReported.class).stream()
                .filter(e -> e.reportId().equals(reference)).findFirst(), java.util.Optional::isPresent).orElseThrow();
        assertThat(event.callerPhone()).isEqualTo("+886287654321");
        assertThat(event.agentId()).isNull();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void aFileIsJudgedByItsContentNotItsName() {
        String contact = Consumers.newPhone();
        var refused = report(contact)
                .file("evidence", "photo.png", "image/png", Files.png())
                .file("evidence", "recording.mp3", "audio/mpeg", Files.exe())
                .file("evidence", "scan.pdf", "application/pdf", new byte[]{'P', 'K', 3, 4, 0, 0})
                .post(consumer(), REPORTS);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(415);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        JsonNode errors = refused.json().get("errors");
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).get("field").asString()).isEqualTo("evidence[1]");
        assertThat(errors.get(1).get("field").asString()).isEqualTo("evidence[2]");
        assertThat(reportsWithContact(contact)).as("nothing stored").isZero();
    }

    private long reportsWithContact(String contact) {
        return jdbc.sql("select count(*) from trust_report where contact = :c").param("c", contact).query(Long.class).single();
    }

    @Test
    void aFileOverTheLimitIs413AndSoAreFilesOverTheTotal() {
        String contact = Consumers.newPhone();
        var tooBig = report(contact).file("evidence", "long.mp3", "audio/mpeg", Files.mp3OfSize(10 * 1024 * 1024 + 1))
                .post(consumer(), REPORTS);
        assertThat(tooBig.status()).as(tooBig.toString()).isEqualTo(413);
        assertThat(tooBig.json().get("errors").get(0).get("field").asString()).isEqualTo("evidence[0]");

        var tooMuch = report(contact)
                .file("evidence", "a.mp3", "audio/mpeg", Files.mp3OfSize(9 * 1024 * 1024))
                .file("evidence", "b.mp3", "audio/mpeg", Files.mp3OfSize(9 * 1024 * 1024))
                .file("evidence", "c.mp3", "audio/mpeg", Files.mp3OfSize(3 * 1024 * 1024))
                .post(consumer(), REPORTS);
        assertThat(tooMuch.status()).as(tooMuch.toString()).isEqualTo(413);
        assertThat(tooMuch.json().get("errors").get(0).get("field").asString()).isEqualTo("evidence");

        Multipart eleven = report(contact);
        for (int i = 0; i < 11; i++) {
            eleven.file("evidence", i + ".txt", "text/plain", Files.text("file " + i));
        }
        assertThat(eleven.post(consumer(), REPORTS).status()).isEqualTo(400);
        var empty = report(contact).file("evidence", "empty.txt", "text/plain", new byte[0]).post(consumer(), REPORTS);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("errors").get(0).get("field").asString()).isEqualTo("evidence[0]");
        assertThat(reportsWithContact(contact)).isZero();
    }

    @Test
    void fileNamesAreSanitizedOnTheWayInAndInTheBundle() throws IOException {
        String reference = submitted(report(Consumers.newPhone())
                .file("evidence", "../../etc/passwd.txt", "text/plain", Files.text("not a password file"))
                .file("evidence", "..\\..\\Windows\\boot.ini", "text/plain", Files.text("[boot loader]"))
                .file("evidence", "<img src=x onerror=alert(1)>.png", "image/png", Files.png())
                .file("evidence", "..", "application/pdf", Files.pdf()));
        JsonNode evidence = as(Role.ADMIN).get("/api/v1/reports/" + reference).json().get("evidence");
        List<String> names = new ArrayList<>();
        evidence.forEach(e -> names.add(e.get("name").asString()));
        assertThat(names).containsExactly("passwd.txt", "boot.ini", "img src_x onerror_alert(1)_.png", "evidence.pdf");

        Map<String, byte[]> zip = unzip(bundle(as(Role.ADMIN), reference));
        assertThat(zip.keySet()).containsExactly("manifest.json", "evidence/01-passwd.txt", "evidence/02-boot.ini",
                "evidence/03-img src_x onerror_alert(1)_.png", "evidence/04-evidence.pdf");
        assertThat(zip.keySet()).allSatisfy(name -> assertThat(name).doesNotContain("..").doesNotStartWith("/").doesNotContain("\\"));
    }

    @Test
    void markupInTextIsKeptAsTextAndEscapedOnThePage() {
        String contact = Consumers.newPhone();
        String description = "<script>alert('x')</script> 他說要我<b>提供</b>驗證碼";
        var page = new Multipart().field("description", description).field("contact", contact)
                .field("moneyLostAmount", "").field("moneyLostCurrency", "TWD")
                .file("evidence", "", "application/octet-stream", new byte[0])
                .post(consumer().header("Accept-Language", "zh-TW"), "/verify/report");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.body()).contains("我們已收到您的檢舉").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .doesNotContain("<script>alert").doesNotContain("<b>提供</b>");
        String reference = page.body().replaceAll("(?s).*<code>(rpt_[a-z2-7]{26})</code>.*", "$1");
        assertThat(reference).matches("rpt_[a-z2-7]{26}");
        JsonNode seen = as(Role.RISK_ANALYST).get("/api/v1/reports/" + reference).json();
        assertThat(seen.get("description").asString()).isEqualTo(description);
        assertThat(seen.get("source").asString()).isEqualTo("FORM");
        assertThat(seen.get("evidence")).as("an empty file input is no file").isEmpty();
    }

    @Test
    void theFormShowsErrorsInTheReportersLanguageAndKeepsWhatTheyTyped() {
        var page = new Multipart().field("description", "").field("contact", "<i>nobody</i>").field("phone", "+886 2 8765 4321")
                .post(consumer().header("Accept-Language", "en"), "/verify/report");
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("What happened: is required").contains("&lt;i&gt;nobody&lt;/i&gt;")
                .contains("value=\"+886 2 8765 4321\"");
        assertThat(consumer().header("Accept-Language", "zh-CN").get("/verify/report").body()).contains("举报诈骗电话或短信")
                .contains("把钱转到“安全账户”");
    }

    @Test
    void cardNumbersAndCodesTypedIntoTheDescriptionAreNotStored() {
        String reference = submitted(new Multipart()
                .field("description", "他要我唸卡號 4242 4242 4242 4242，還有簡訊驗證碼 482913，我都說了。")
                .field("contact", Consumers.newPhone()));
        String stored = jdbc.sql("select description from trust_report where id = :id").param("id", reference).query(String.class).single();
        assertThat(stored).doesNotContain("4242 4242 4242 4242").doesNotContain("4242424242424242").doesNotContain("482913");
        assertThat(stored).contains("他要我唸卡號");
    }

    @Test
    void everyFieldAtFaultIsNamedAtOnce() {
        var invalid = new Multipart().field("description", "").field("contact", "not a contact").field("phone", "123")
                .field("when", "2099-01-01").field("askedFor", "PIN,WIRE_TRANSFER_TO_MARS")
                .post(consumer(), REPORTS);
        assertThat(invalid.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        invalid.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).contains("description", "contact", "phone", "when", "askedFor");
        var floatMoney = report(Consumers.newPhone()).field("moneyLost", "{\"amount\": 100.5, \"currency\": \"TWD\"}").post(consumer(), REPORTS);
        assertThat(floatMoney.status()).isEqualTo(400);
        assertThat(floatMoney.json().get("errors").get(0).get("field").asString()).isEqualTo("moneyLost");
        var json = consumer().post(REPORTS, Map.of("description", "x", "contact", "+886912345678"));
        assertThat(json.status()).as("the API takes multipart").isEqualTo(415);
    }

    @Test
    void theStatusIsToldOnlyToWhoeverHoldsTheReferenceAndTheContact() {
        String contact = Consumers.newPhone();
        String reference = submitted(report(contact));
        String national = "0" + contact.substring(4, 7) + "-" + contact.substring(7, 10) + "-" + contact.substring(10);
        var status = consumer().post("/api/v1/public/reports/status", Map.of("reference", reference, "contact", national));
        assertThat(status.status()).as(status.toString()).isEqualTo(200);
        assertThat(status.json().get("status").asString()).isEqualTo("RECEIVED");
        assertThat(status.body()).doesNotContain(contact).doesNotContain("description");

        as(Role.RISK_ANALYST).post("/api/v1/reports/" + reference + "/status", Map.of("status", "IN_REVIEW"));
        assertThat(consumer().post("/api/v1/public/reports/status", Map.of("reference", reference, "contact", contact))
                .json().get("status").asString()).isEqualTo("IN_REVIEW");

        var wrongContact = consumer().post("/api/v1/public/reports/status", Map.of("reference", reference, "contact", Consumers.newPhone()));
        var wrongReference = consumer().post("/api/v1/public/reports/status", Map.of("reference", "rpt_" + "a".repeat(26), "contact", contact));
        assertThat(wrongContact.status()).isEqualTo(404);
        assertThat(wrongReference.status()).isEqualTo(404);
        assertThat(wrongContact.json().get("detail")).isEqualTo(wrongReference.json().get("detail"));
        assertThat(wrongContact.json().get("type")).isEqualTo(wrongReference.json().get("type"));

        var page = consumer().header("Accept-Language", "zh-TW").postForm("/verify/report/status", Map.of("reference", reference, "contact", contact));
        assertThat(page.body()).contains("我們正在審查您的檢舉");
        var notFound = consumer().header("Accept-Language", "en").postForm("/verify/report/status", Map.of("reference", reference, "contact", "x@example.com"));
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.body()).contains("No report matches this reference and contact");
    }

    @Test
    void theEvidenceBundleHoldsEveryFileWithItsHashAndTheChainOfCustody() throws IOException {
        StaffUser analyst = newUser(Role.RISK_ANALYST);
        byte[] transcript = Files.text("對方：請安裝這個遠端 App，我幫您操作。");
        String reference = submitted(report(Consumers.newPhone()).field("phone", "+886287654321")
                .file("evidence", "錄音.mp3", "audio/mpeg", Files.mp3())
                .file("evidence", "逐字稿.txt", "text/plain", transcript));
        Http asAnalyst = as(analyst);
        String evidenceId = asAnalyst.get("/api/v1/reports/" + reference).json().get("evidence").get(1).get("id").asString();
        var file = Consumers.bytes(asAnalyst, "/api/v1/reports/" + reference + "/evidence/" + evidenceId);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(transcript);
        assertThat(file.headers().firstValue("X-Evidence-SHA256").orElseThrow()).isEqualTo(sha256(transcript));
        assertThat(file.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment");

        Map<String, byte[]> zip = unzip(bundle(asAnalyst, reference));
        assertThat(zip.keySet()).containsExactly("manifest.json", "evidence/01-錄音.mp3", "evidence/02-逐字稿.txt");
        assertThat(zip.get("evidence/02-逐字稿.txt")).isEqualTo(transcript);
        JsonNode manifest = JSON.readTree(zip.get("manifest.json"));
        assertThat(manifest.get("reference").asString()).isEqualTo(reference);
        assertThat(manifest.get("hashAlgorithm").asString()).isEqualTo("SHA-256");
        for (JsonNode entry : manifest.get("files")) {
            assertThat(sha256(zip.get(entry.get("path").asString()))).isEqualTo(entry.get("sha256").asString());
            assertThat(entry.get("receivedAt").asString()).isNotBlank();
        }
        List<String> actions = new ArrayList<>();
        manifest.get("custody").forEach(c -> actions.add(c.get("action").asString() + " by " + c.get("actorId").asString()));
        assertThat(actions).containsExactly("RECEIVED by public", "RECEIVED by public", "OPENED by " + analyst.id(),
                "EXPORTED by " + analyst.id(), "EXPORTED by " + analyst.id());
        assertThat(manifest.get("report").get("callerPhone").asString()).isEqualTo("+886287654321");
        assertThat(manifest.toString()).as("the reporter's contact stays with us").doesNotContain("contact");
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'trust.evidence.exported' and subject = :r")
                .param("r", reference).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aFileChangedAfterIntakeStopsTheExportNamingIt() {
        String reference = submitted(report(Consumers.newPhone())
                .file("evidence", "錄音.mp3", "audio/mpeg", Files.mp3())
                .file("evidence", "截圖.png", "image/png", Files.png()));
        byte[] sealed = jdbc.sql("select sealed from trust_evidence where report_id = :r and position = 2").param("r", reference)
                .query((rs, n) -> rs.getBytes(1)).single();
        byte[] tampered = Arrays.copyOf(sealed, sealed.length);
        tampered[tampered.length / 2] ^= 0x01;
        jdbc.sql("update trust_evidence set sealed = :s where report_id = :r and position = 2").param("s", tampered)
                .param("r", reference).update();

        var refused = as(Role.ADMIN).get("/api/v1/reports/" + reference + "/evidence-bundle");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString()).contains("evidence/02-截圖.png");
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("evidence/02-截圖.png");
        String evidenceId = as(Role.ADMIN).get("/api/v1/reports/" + reference).json().get("evidence").get(1).get("id").asString();
        assertThat(as(Role.ADMIN).get("/api/v1/reports/" + reference + "/evidence/" + evidenceId).status()).isEqualTo(409);
        var custody = as(Role.ADMIN).get("/api/v1/reports/" + reference + "/custody").body();
        assertThat(custody).contains("INTEGRITY_FAILED").doesNotContain("EXPORTED");
    }

    @Test
    void aHashChangedAfterIntakeStopsTheExportToo() {
        String reference = submitted(report(Consumers.newPhone()).file("evidence", "a.txt", "text/plain", Files.text("原始內容")));
        jdbc.sql("update trust_evidence set sha256 = :h where report_id = :r").param("h", sha256(Files.text("改過的內容")))
                .param("r", reference).update();
        var refused = as(Role.ADMIN).get("/api/v1/reports/" + reference + "/evidence-bundle");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString()).contains("evidence/01-a.txt");
    }

    @Test
    void linkingAPaymentLinksItsAgentCustomerAndCardAndTellsRisk() {
        Sales.Sale sale = sales.confirmedOrder("2388.00", "TWD");
        var paid = http().header("Accept", "application/json").post("/pay/" + sales.payToken(sale), Sales.card("4242424242424242", "123"));
        String paymentId = paid.json().get("paymentId").asString();
        String fingerprint = as(Role.ADMIN).get("/api/v1/payments/" + paymentId).json().get("card").get("fingerprint").asString();
        String reference = submitted(report(Consumers.newPhone()).field("phone", "+886287654321"));

        var linked = as(Role.RISK_ANALYST).post("/api/v1/reports/" + reference + "/links", Map.of("kind", "PAYMENT", "id", paymentId));
        assertThat(linked.status()).as(linked.toString()).isEqualTo(200);
        List<String> links = new ArrayList<>();
        linked.json().get("links").forEach(l -> links.add(l.get("kind").asString() + ":" + l.get("id").asString()));
        assertThat(links).containsExactlyInAnyOrder("PAYMENT:" + paymentId, "AGENT:" + sale.agent().id(),
                "CUSTOMER:" + sale.customerId(), "CARD:" + fingerprint);

        FraudReported event = await().atMost(Duration.ofSeconds(5)).until(() -> events.of(FraudReported.class).stream()
                .filter(e -> e.reportId().equals(reference) && e.paymentId() != null).findFirst(), java.util.Optional::isPresent).orElseThrow();
        assertThat(event.agentId()).isEqualTo(sale.agent().id());
        assertThat(event.cardFingerprint()).isEqualTo(fingerprint);
        assertThat(event.customerId()).isEqualTo(sale.customerId());
        assertThat(event.callerPhone()).isEqualTo("+886287654321");

        long before = events.of(FraudReported.class).stream().filter(e -> e.reportId().equals(reference)).count();
        assertThat(as(Role.RISK_ANALYST).post("/api/v1/reports/" + reference + "/links", Map.of("kind", "PAYMENT", "id", paymentId))
                .status()).isEqualTo(200);
        assertThat(events.of(FraudReported.class).stream().filter(e -> e.reportId().equals(reference)).count())
                .as("linking again tells nobody twice").isEqualTo(before);
        assertThat(as(Role.RISK_ANALYST).post("/api/v1/reports/" + reference + "/links", Map.of("kind", "CARD", "id", "4242424242424242"))
                .status()).isEqualTo(400);
        assertThat(as(Role.RISK_ANALYST).post("/api/v1/reports/" + reference + "/links", Map.of("kind", "PAYMENT", "id", "pay_unknown"))
                .status()).isEqualTo(404);
        assertThat(as(Role.RISK_ANALYST).post("/api/v1/reports/" + reference + "/links", Map.of("kind", "AGENT", "id", "usr_unknown"))
                .status()).isEqualTo(404);
    }

    @Test
    void linkingACallLinksItsAgentAndCustomer() {
        StaffUser agent = newUser(Role.AGENT);
        String customerId = sales.customer(as(agent));
        String callId = as(agent).post("/api/v1/calls", Map.of("customerId", customerId, "direction", "OUTBOUND")).json().get("id").asString();
        String reference = submitted(report(Consumers.newPhone()));
        var linked = as(Role.ADMIN).post("/api/v1/reports/" + reference + "/links", Map.of("kind", "CALL", "id", callId)).json();
        assertThat(linked.get("links").toString()).contains(callId).contains(agent.id()).contains(customerId).contains("CALL:" + callId);
        FraudReported event = await().atMost(Duration.ofSeconds(5)).until(() -> events.of(FraudReported.class).stream()
                .filter(e -> e.reportId().equals(reference) && e.agentId() != null).findFirst(), java.util.Optional::isPresent).orElseThrow();
        assertThat(event.agentId()).isEqualTo(agent.id());
        assertThat(event.customerId()).isEqualTo(customerId);
    }

    @Test
    void theStatusMovesOnlyAsTheTableSaysAndEachMoveIsAudited() {
        String reference = submitted(report(Consumers.newPhone()));
        Http analyst = as(Role.RISK_ANALYST);
        assertThat(analyst.post("/api/v1/reports/" + reference + "/status", Map.of("status", "IN_REVIEW", "note", "打電話回訪")).status()).isEqualTo(200);
        var back = analyst.post("/api/v1/reports/" + reference + "/status", Map.of("status", "RECEIVED"));
        assertThat(back.status()).isEqualTo(409);
        assertThat(analyst.post("/api/v1/reports/" + reference + "/status", Map.of("status", "ESCALATED")).json()
                .get("status").asString()).isEqualTo("ESCALATED");
        assertThat(analyst.post("/api/v1/reports/" + reference + "/status", Map.of("status", "LOST")).status()).isEqualTo(400);
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'trust.report.status-changed' and subject = :r")
                .param("r", reference).query(Long.class).single()).isEqualTo(2);
        var queue = analyst.get("/api/v1/reports?status=ESCALATED&limit=500").json().get("items");
        assertThat(queue.toString()).contains(reference);
        assertThat(analyst.get("/api/v1/reports?status=RECEIVED&limit=500").body()).doesNotContain(reference);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void onlyAnalystsSupervisorsAndAdminsWorkTheQueue(Role role) {
        String reference = submitted(report(Consumers.newPhone()));
        boolean allowed = role == Role.RISK_ANALYST || role == Role.SUPERVISOR || role == Role.ADMIN;
        Http client = role == Role.SUPERVISOR ? as(newUser(Role.SUPERVISOR)) : as(role);
        assertThat(client.get("/api/v1/reports").status()).isEqualTo(allowed ? 200 : 403);
        assertThat(client.get("/api/v1/reports/" + reference).status()).isEqualTo(allowed ? 200 : 403);
        assertThat(client.get("/api/v1/reports/" + reference + "/evidence-bundle").status()).isEqualTo(allowed ? 200 : 403);
        assertThat(http().get("/api/v1/reports/" + reference).status()).isEqualTo(401);
    }

    @Test
    void aSupervisorSeesReportsAboutTheirTeamOrNoAgentWithTheContactMasked() {
        String team = "組-" + io.telepay.shared.Ids.randomToken(3);
        StaffUser supervisor = newUser(Role.SUPERVISOR, team);
        StaffUser ownAgent = newUser(Role.AGENT, team);
        StaffUser otherAgent = newUser(Role.AGENT);
        String contact = Consumers.newPhone();
        String unlinked = submitted(report(contact));
        String aboutOwn = submitted(report(Consumers.newPhone()));
        String aboutOther = submitted(report(Consumers.newPhone()));
        as(Role.RISK_ANALYST).post("/api/v1/reports/" + aboutOwn + "/links", Map.of("kind", "AGENT", "id", ownAgent.id()));
        as(Role.RISK_ANALYST).post("/api/v1/reports/" + aboutOther + "/links", Map.of("kind", "AGENT", "id", otherAgent.id()));

        Http asSupervisor = as(supervisor);
        JsonNode seen = asSupervisor.get("/api/v1/reports/" + unlinked).json();
        assertThat(seen.get("contact").asString()).isNotEqualTo(contact).contains("*");
        assertThat(asSupervisor.get("/api/v1/reports/" + aboutOwn).status()).isEqualTo(200);
        assertThat(asSupervisor.get("/api/v1/reports/" + aboutOther).status()).as("as if it did not exist").isEqualTo(404);
        assertThat(asSupervisor.get("/api/v1/reports/" + aboutOther + "/evidence-bundle").status()).isEqualTo(404);
        String queue = asSupervisor.get("/api/v1/reports?limit=500").body();
        assertThat(queue).contains(aboutOwn).doesNotContain(aboutOther);
        assertThat(asSupervisor.post("/api/v1/reports/" + unlinked + "/links", Map.of("kind", "AGENT", "id", otherAgent.id())).status())
                .as("a supervisor links only their own team").isEqualTo(404);
    }
}
