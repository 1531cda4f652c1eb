package io.telepay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.telepay.gateway.sandbox.SandboxSettlementFiles;
import io.telepay.shared.Db;
import io.telepay.shared.Role;
import io.telepay.testing.Sales;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The sandbox's settlement file against the books, with a file broken on purpose. */
class ReconciliationReportSystemTest extends PaymentSystemTest {

    @Autowired
    SandboxSettlementFiles files;

    @Test
    void reportsEveryKindOfBreakInADeliberatelyBrokenFile() throws Exception {
        PaymentFixtures.Paid kept = fixtures().captured("1200.00", "TWD");
        PaymentFixtures.Paid dropped = fixtures().captured("800.00", "TWD");
        String refundId = kept.sale().asAgent().post("/api/v1/payments/" + kept.paymentId() + "/refunds",
                Map.of("amount", Map.of("amount", "100.00", "currency", "TWD"), "reason", "折讓")).json().get("id").asString();
        Sales.Sale stuck = fixtures().sales().confirmedOrder("450.00", "TWD");
        String unknown = http().header("Accept", "application/json").post("/pay/" + fixtures().sales().payToken(stuck),
                Sales.card("4000 0000 0000 0119", "123")).json().get("paymentId").asString();
        jdbc.sql("update payment set created_at = :old where id = :id")
                .param("old", Db.ts(clock.instant().minus(Duration.ofHours(25)))).param("id", unknown).update();
        jdbc.sql("update payment_operation set next_reconcile_at = :later where payment_id = :id")
                .param("later", Db.ts(clock.instant().plus(Duration.ofDays(30)))).param("id", unknown).update();

        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Path file = files.write(day);
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        assertThat(lines.getFirst()).isEqualTo("operation_reference,charge_reference,kind,amount,currency,settled_at");
        assertThat(lines).anyMatch(l -> l.startsWith(kept.paymentId() + ":sale," + kept.paymentId() + ",CAPTURE,1200.00,TWD,"));
        assertThat(lines).anyMatch(l -> l.startsWith(refundId + "," + kept.paymentId() + ",REFUND,100.00,TWD,"));
        // break it: drop a capture, change the refund's amount, add a refund nobody booked and a garbled line
        lines.removeIf(l -> l.startsWith(dropped.paymentId() + ":sale,"));
        lines.replaceAll(l -> l.startsWith(refundId + ",") ? l.replace(",100.00,", ",110.00,") : l);
        lines.add("ref_nobodybookedthis," + kept.paymentId() + ",REFUND,5.00,TWD," + clock.instant());
        lines.add("garbage;line");
        Files.write(file, lines, StandardCharsets.UTF_8);

        var run = as(Role.ADMIN).post("/api/v1/reconciliation/reports/" + day, Map.of());
        assertThat(run.status()).as(run.toString()).isEqualTo(200);
        JsonNode report = as(Role.AUDITOR).get("/api/v1/reconciliation/reports/" + day).json();
        assertThat(report.get("filePresent").asBoolean()).isTrue();
        assertThat(breakOf(report, "MISSING_AT_ACQUIRER", dropped.paymentId() + ":sale").get("ours").get("amount").asString())
                .isEqualTo("800.00");
        JsonNode mismatch = breakOf(report, "AMOUNT_MISMATCH", refundId);
        assertThat(mismatch.get("ours").get("amount").asString()).isEqualTo("100.00");
        assertThat(mismatch.get("acquirer").get("amount").asString()).isEqualTo("110.00");
        assertThat(breakOf(report, "MISSING_IN_TELEPAY", "ref_nobodybookedthis").get("acquirer").get("amount").asString()).isEqualTo("5.00");
        assertThat(report.get("breaks").findValuesAsString("kind")).contains("MALFORMED_LINE");
        assertThat(breakOf(report, "UNKNOWN_OVER_24H", unknown).get("paymentId").asString()).isEqualTo(unknown);
        assertThat(report.get("breaks").findValuesAsString("reference")).doesNotContain(kept.paymentId() + ":sale");
        assertThat(report.get("matched").asInt()).isPositive();

        var csv = as(Role.ADMIN).get("/api/v1/reconciliation/reports/" + day + ".csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).contains("kind,reference,payment_id,currency,our_amount,acquirer_amount,detail")
                .contains("AMOUNT_MISMATCH," + refundId + "," + kept.paymentId() + ",TWD,100.00,110.00,")
                .contains("MISSING_IN_TELEPAY,ref_nobodybookedthis,");

        assertThat(kept.sale().asAgent().get("/api/v1/reconciliation/reports/" + day).status()).isEqualTo(403);
        assertThat(as(Role.ADMIN).get("/api/v1/reconciliation/reports/1999-01-01").status()).isEqualTo(404);
        assertThat(as(Role.ADMIN).get("/api/v1/reconciliation/reports/yesterday").status()).isEqualTo(400);
        var noFile = as(Role.ADMIN).post("/api/v1/reconciliation/reports/1999-01-02", Map.of()).json();
        assertThat(noFile.get("breaks").findValuesAsString("kind")).contains("NO_SETTLEMENT_FILE");
    }

    private static JsonNode breakOf(JsonNode report, String kind, String reference) {
        for (JsonNode b : report.get("breaks")) {
            if (b.get("kind").asString().equals(kind) && reference.equals(b.path("reference").asString(null))) {
                return b;
            }
        }
        throw new AssertionError("no " + kind + " break for " + reference + " in " + report);
    }
}
