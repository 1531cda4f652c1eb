package io.telepay.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;

import io.telepay.identity.StaffUser;
import io.telepay.risk.ListKind;
import io.telepay.risk.RiskAction;
import io.telepay.risk.RiskDecision;
import io.telepay.risk.RiskEngine;
import io.telepay.risk.RiskLists;
import io.telepay.risk.RiskSubject;
import io.telepay.shared.Ids;
import io.telepay.shared.Money;
import io.telepay.shared.Role;
import io.telepay.testing.ConsoleSession;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Block this card / phone / e-mail" from an alert and from a decision: a reason and a last day, validated with
 * the field named; the block is the value risk matched, so the next attempt with it is refused; the card's
 * refused attempts are in the alert's evidence; supervisors see no block and cannot post one.
 */
class BlockFromAlertSystemTest extends SystemTest {

    @Autowired
    RiskEngine engine;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    ConsoleDates dates;

    @Autowired
    RiskLists lists;

    private record Assessed(String paymentId, RiskDecision decision) {
    }

    private Assessed assess(String agentId, String customerId, String card, String phone) {
        String paymentId = "pay_b" + Ids.randomToken(10);
        clock.advance(java.time.Duration.ofSeconds(2));
        RiskDecision decision = tx.execute(status -> engine.assess(new RiskSubject(paymentId, "ord_" + Ids.randomToken(6), customerId,
                agentId, Money.of("1999.00", "TWD"), card, "424242", phone, "mule" + Ids.randomToken(4) + "@example.tw", null,
                "203.0.113.7", "LINK", clock.instant(), "陳美玲", "TW", null, null, "SKU-BLOCK")));
        return new Assessed(paymentId, decision);
    }

    /** A card fingerprint as the vault makes them: 64 hex characters. */
    private static String card() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
    }

    private static String phone() {
        return "+88691" + (1_000_000 + (int) (Math.random() * 8_000_000));
    }

    private long entries(String kind, String item) {
        return jdbc.sql("select count(*) from risk_list_entry where kind = :k and item = :i and removed_at is null")
                .param("k", kind).param("i", item).query(Long.class).single();
    }

    @Test
    void anAnalystBlocksTheCardOfAnAlertWithAReasonAndALastDayAndTheNextAttemptIsRefused() {
        StaffUser agent = newUser(Role.AGENT);
        String card = card();
        // one card for three customers (an alert on the card); the third's phone is on the block list (a refused attempt)
        assess(agent.id(), "cus_b" + Ids.randomToken(6), card, phone());
        assess(agent.id(), "cus_c" + Ids.randomToken(6), card, phone());
        String blockedPhone = phone();
        tx.executeWithoutResult(status -> lists.add(ListKind.PHONE, blockedPhone, RiskAction.BLOCK, "車手門號", null));
        Assessed third = assess(agent.id(), "cus_d" + Ids.randomToken(6), card, blockedPhone);
        assertThat(third.decision().action().name()).as(third.decision().toString()).isEqualTo("BLOCK");
        String alertId = jdbc.sql("select id from risk_alert where subject_kind = 'CARD' and subject = :card and status = 'OPEN'")
                .param("card", card).query(String.class).single();
        String page = "/console/risk/alerts/" + alertId;
        String action = page + "/block";

        ConsoleSession analyst = signedIn(newUser(Role.RISK_ANALYST));
        String body = analyst.http().get(page).body();
        assertThat(body).contains("data-testid=\"block\"").contains("Block this card").contains("Block this phone number")
                .contains("Block this e-mail address").contains(card)
                .contains("Blocked attempts with this card").contains("/console/risk/decisions/" + third.paymentId());

        LocalDate today = LocalDate.now(clock.withZone(dates.zone()));
        var past = analyst.submit(page, action, Map.of("kind", "CARD", "reason", "盜刷測試卡", "expiresAt", today.minusDays(1).toString()));
        assertThat(past.status()).isEqualTo(200);
        assertThat(past.body()).contains("id=\"block-card-expires-error\"").contains("must be in the future")
                .contains("value=\"盜刷測試卡\"");
        var notADate = analyst.submit(page, action, Map.of("kind", "CARD", "reason", "盜刷測試卡", "expiresAt", "31/12/2026"));
        assertThat(notADate.body()).contains("id=\"block-card-expires-error\"").contains("must be a date");
        var noReason = analyst.submit(page, action, Map.of("kind", "CARD", "reason", " ", "expiresAt", ""));
        assertThat(noReason.body()).contains("id=\"block-card-reason-error\"").contains("is required");
        var nothingOfThatKind = analyst.submit(page, action, Map.of("kind", "AGENT", "reason", "x", "expiresAt", ""));
        assertThat(nothingOfThatKind.status()).isEqualTo(200);
        assertThat(nothingOfThatKind.body()).contains("alert error");
        assertThat(entries("CARD", card)).isZero();

        var zh = analyst.http().header("Accept-Language", "zh-TW").get(page).body();
        assertThat(zh).contains("封鎖這張卡片").contains("這張卡片被封鎖的嘗試").doesNotContain("??");

        String lastDay = today.plusDays(30).toString();
        assertThat(analyst.submit(page, action, Map.of("kind", "CARD", "reason", "盜刷測試卡", "expiresAt", lastDay)).status())
                .isEqualTo(302);
        assertThat(entries("CARD", card)).isEqualTo(1);
        var expires = jdbc.sql("select expires_at from risk_list_entry where kind = 'CARD' and item = :card and removed_at is null")
                .param("card", card).query(java.sql.Timestamp.class).single().toInstant();
        assertThat(expires).as("blocked through the last day, in the console's zone")
                .isEqualTo(today.plusDays(31).atStartOfDay(dates.zone()).toInstant());
        var after = analyst.http().get(page).body();
        assertThat(after).contains("Blocked. The entry is on the block list.").contains("Already on the block list")
                .doesNotContain("id=\"block-card\"").as("the last day the analyst chose, not the instant after it")
                .contains("through " + java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.MEDIUM)
                        .withLocale(java.util.Locale.ENGLISH).format(today.plusDays(30)));

        Assessed next = assess(agent.id(), "cus_e" + Ids.randomToken(6), card, phone());
        assertThat(next.decision().action().name()).isEqualTo("BLOCK");
        assertThat(next.decision().reasons()).contains("card is on the block list: 盜刷測試卡");
    }

    @Test
    void theDecisionPageBlocksThePaymentsPhoneAndSupervisorsCannotBlock() {
        StaffUser agent = newUser(Role.AGENT);
        String phone = phone();
        Assessed paid = assess(agent.id(), "cus_p" + Ids.randomToken(6), card(), phone);
        String page = "/console/risk/decisions/" + paid.paymentId();

        ConsoleSession analyst = signedIn(newUser(Role.RISK_ANALYST));
        assertThat(analyst.http().get(page).body()).contains("Block this phone number").contains(phone);
        assertThat(analyst.submit(page, page + "/block", Map.of("kind", "PHONE", "reason", "車手門號", "expiresAt", "")).status())
                .isEqualTo(302);
        assertThat(entries("PHONE", phone)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from risk_list_entry where kind = 'PHONE' and item = :p and expires_at is null")
                .param("p", phone).query(Long.class).single()).as("no last day: until removed").isEqualTo(1);

        StaffUser supervisor = newUser(Role.SUPERVISOR, staff.get(agent.id()).team());
        ConsoleSession asSupervisor = signedIn(supervisor);
        var seen = asSupervisor.http().get(page);
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.body()).doesNotContain("data-testid=\"block\"");
        String email = jdbc.sql("select email from risk_attempt where payment_id = :p").param("p", paid.paymentId()).query(String.class).single();
        assertThat(asSupervisor.submit(page, page + "/block", Map.of("kind", "EMAIL", "reason", "x", "expiresAt", "")).status())
                .isEqualTo(403);
        assertThat(entries("EMAIL", email)).isZero();
    }
}
