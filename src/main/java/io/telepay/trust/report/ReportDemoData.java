package io.telepay.trust.report;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import io.telepay.shared.Deployment;
import io.telepay.shared.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Three fraud reports for the triage desk on the first start of the embedded default — a fake
 * "bank security" call asking for an SMS code (with a text transcript as evidence), a "safe account"
 * scam with money lost, and a courier coming for a card — in 繁體 and 简体, as consumers write them.
 */
@Component
@Order(70)
@ConditionalOnProperty(name = "telepay.command", havingValue = "server", matchIfMissing = true)
class ReportDemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ReportDemoData.class);

    private final Deployment deployment;
    private final JdbcClient jdbc;
    private final ReportIntake intake;
    private final Clock clock;

    ReportDemoData(Deployment deployment, JdbcClient jdbc, ReportIntake intake, Clock clock) {
        this.deployment = deployment;
        this.jdbc = jdbc;
        this.intake = intake;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!deployment.demo() || jdbc.sql("select count(*) from trust_report").query(Long.class).single() > 0) {
            return;
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Asia/Taipei")));
        List<NewReport> reports = List.of(
                new NewReport(ReportSource.FORM, "+886287654321",
                        "對方自稱是 Telepay Demo 電銷的客服，說我的訂單被重複扣款，要我把手機收到的簡訊驗證碼唸給他聽才能取消。我覺得不對勁就掛斷了。",
                        today.minusDays(2) + "T19:42", List.of("SMS_CODE", "CARD_NUMBER"), null, "+886912888777",
                        List.of(new EvidenceUpload("通話紀錄.txt",
                                "19:42 來電 02-8765-4321\n對方：您好，這裡是客服中心，您的訂單重複扣款了。\n對方：請把簡訊驗證碼告訴我，我幫您取消。\n我：我不會給你，再見。\n"
                                        .getBytes(StandardCharsets.UTF_8)))),
                new NewReport(ReportSource.FORM, "+8613700001111",
                        "来电人说我的账户涉嫌洗钱，要我把存款转到所谓的安全账户，我转了两次。后来才知道是诈骗。",
                        today.minusDays(4).toString(), List.of("SAFE_ACCOUNT_TRANSFER", "REMOTE_CONTROL_APP"), Money.of("50000.00", "CNY"),
                        "wang.fang@example.cn", List.of()),
                new NewReport(ReportSource.API, null,
                        "Caller said my card was compromised and a courier would come to collect it for replacement. I did not hand it over.",
                        null, List.of("CARD_TO_COURIER", "PIN"), null, "+886933111222", List.of()));
        reports.forEach(intake::receive);
        log.info("Demo workspace: {} fraud reports in the triage queue (/api/v1/reports)", reports.size());
    }
}
