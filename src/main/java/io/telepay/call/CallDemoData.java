package io.telepay.call;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.telepay.customer.CustomerDirectory;
import io.telepay.identity.StaffDirectory;
import io.telepay.identity.StaffUser;
import io.telepay.shared.Deployment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A few days of call history for the demo customers on the first start of the embedded default: sales,
 * unanswered tries, a customer who asked not to be called, a call back due now for {@code agent}, and
 * notes in 繁體 and 简体 — two of them holding what the redactor removes and one an agent must never
 * write — so the redaction, the risk alerts and analytics have something to show.
 */
@Component
@Order(40)
@ConditionalOnProperty(name = "telepay.command", havingValue = "server", matchIfMissing = true)
class CallDemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CallDemoData.class);
    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");

    /**
     * One call of the history.
     *
     * @param daysAgo   the day it happened, counted back from today (Taipei time)
     * @param at        the time of day it started
     * @param callback  for a CALLBACK: how long from now the promised call back is (negative: due already)
     * @param notes     written one after the other during the call
     */
    record Script(String agent, String phone, Direction direction, int daysAgo, LocalTime at, Duration length,
                  Disposition disposition, TalkOutcome outcome, Duration callback, List<String> notes) {
    }

    static final List<Script> HISTORY = List.of(
            new Script("agent", "+886921000111", Direction.OUTBOUND, 6, LocalTime.of(10, 12), Duration.ofSeconds(74),
                    Disposition.DO_NOT_CALL, TalkOutcome.CONNECTED, null,
                    List.of("客戶表示不需要任何推銷電話，請我們不要再打來，已設為拒接。")),
            new Script("agent2", "+8613987654321", Direction.OUTBOUND, 5, LocalTime.of(14, 3), Duration.ofSeconds(215),
                    Disposition.NO_SALE, TalkOutcome.CONNECTED, null,
                    List.of("客户表示已经报了别家的英语课程，暂时不需要。", "约定下个季度有新课程时再联系。")),
            new Script("agent", "+886912345678", Direction.OUTBOUND, 4, LocalTime.of(10, 5), Duration.ofSeconds(372),
                    Disposition.SALE, TalkOutcome.CONNECTED, null,
                    List.of("客戶對保健食品禮盒有興趣，訂購兩盒，總金額新台幣 3,998 元，宅配到台北市大安區。",
                            "已傳送付款連結到客戶手機，提醒她在付款頁面自行輸入卡片資料。")),
            new Script("agent", "+8613812345678", Direction.INBOUND, 3, LocalTime.of(15, 40), Duration.ofSeconds(486),
                    Disposition.NO_SALE, TalkOutcome.CONNECTED, null,
                    List.of("客户来电询问英语线上课程，觉得人民币 2,388 元偏贵，想等优惠。",
                            "客户主动念了银行卡号 6212 2612 0000 0000 003，已提醒她不要在电话里提供，改用付款链接。")),
            new Script("agent2", "+8613987654321", Direction.OUTBOUND, 3, LocalTime.of(16, 20), Duration.ofSeconds(143),
                    Disposition.NO_SALE, TalkOutcome.CONNECTED, null,
                    List.of("请客户提供短信验证码以便帮他开通课程，客户拒绝并挂断。")),
            new Script("agent", "+886933222111", Direction.OUTBOUND, 2, LocalTime.of(11, 30), Duration.ofSeconds(38),
                    Disposition.NO_ANSWER, TalkOutcome.VOICEMAIL, null,
                    List.of("進入語音信箱，未留言。")),
            new Script("agent2", "+886955666777", Direction.OUTBOUND, 2, LocalTime.of(13, 15), Duration.ofSeconds(301),
                    Disposition.SALE, TalkOutcome.CONNECTED, null,
                    List.of("客戶訂購空氣清淨機 X1 一台，美金 199 元，含國際運費。",
                            "客戶說卡片背面三碼是 123，已請他不要念出來，改用簡訊付款連結。")),
            new Script("agent", "+886912000101", Direction.OUTBOUND, 1, LocalTime.of(9, 50), Duration.ofSeconds(22),
                    Disposition.NO_ANSWER, TalkOutcome.BUSY, null, List.of()),
            new Script("agent", "+886933222111", Direction.OUTBOUND, 1, LocalTime.of(14, 45), Duration.ofSeconds(160),
                    Disposition.CALLBACK, TalkOutcome.CONNECTED, Duration.ofMinutes(-30),
                    List.of("客戶正在開會，對 7 天旅遊平安保險有興趣，約好今天再來電說明保障內容與保費 680 元。")));

    private final Deployment deployment;
    private final StaffDirectory staff;
    private final CustomerDirectory customers;
    private final Calls calls;
    private final JdbcClient jdbc;
    private final Clock clock;

    CallDemoData(Deployment deployment, StaffDirectory staff, CustomerDirectory customers, Calls calls, JdbcClient jdbc,
                 Clock clock) {
        this.deployment = deployment;
        this.staff = staff;
        this.customers = customers;
        this.calls = calls;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!deployment.demo() || jdbc.sql("select count(*) from phone_call").query(Long.class).single() > 0) {
            return;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Calls.PastCall> history = history(now);
        history.forEach(calls::recordPastCall);
        log.info("Demo call history: {} calls over the last days, a call back due for agent", history.size());
    }

    /** The scripts whose agent and customer exist, oldest first; none when the demo staff are missing. */
    List<Calls.PastCall> history(Instant now) {
        Map<String, Optional<String>> agents = Map.of(
                "agent", staff.findByUsername("agent").map(StaffUser::id),
                "agent2", staff.findByUsername("agent2").map(StaffUser::id));
        List<Calls.PastCall> past = new ArrayList<>();
        for (Script script : HISTORY) {
            Optional<String> agent = agents.get(script.agent());
            Optional<String> customer = customers.idForPhone(script.phone());
            if (agent.isEmpty() || customer.isEmpty()) {
                continue;
            }
            Instant started = now.atZone(TAIPEI).toLocalDate().minusDays(script.daysAgo()).atTime(script.at())
                    .atZone(TAIPEI).toInstant();
            Instant ended = started.plus(script.length());
            List<Calls.PastNote> notes = new ArrayList<>();
            for (int i = 0; i < script.notes().size(); i++) {
                // spread over the call, the last one just before it ends
                notes.add(new Calls.PastNote(started.plus(script.length().multipliedBy(i + 1).dividedBy(script.notes().size() + 1)),
                        script.notes().get(i)));
            }
            Instant callbackAt = script.callback() == null ? null : now.plus(script.callback());
            past.add(new Calls.PastCall(customer.get(), agent.get(), script.direction(), started, ended, script.disposition(),
                    script.outcome(), callbackAt, notes));
        }
        past.sort(Comparator.comparing(Calls.PastCall::startedAt));
        return past;
    }
}
