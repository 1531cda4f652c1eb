package io.telepay.payment.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;

import io.telepay.payment.PaymentSessionView;
import io.telepay.payment.SessionStatus;
import io.telepay.payment.SessionStep;
import io.telepay.shared.Money;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

class SessionEventsTest {

    private static final Instant CREATED = Instant.parse("2026-12-07T03:00:00Z");

    @Test
    void stoppingTheServerEndsEveryStreamInsteadOfWaitingOutItsTimeout() {
        SessionEvents events = new SessionEvents(null, Clock.systemUTC(), null);
        PaymentSessionView view = new PaymentSessionView("ps_1", "ord_1", SessionStatus.OPEN, "LINK", "SMS",
                Money.of("100.00", "TWD"), null, CREATED.plusSeconds(600), SessionStep.CREATED, "Link created", 0, null,
                CREATED, null, null, null);
        SseEmitter first = events.follow(view);
        SseEmitter second = events.follow(view);
        assertThat(events.following()).isEqualTo(1);

        events.endStreams();

        assertThat(events.following()).isZero();
        for (SseEmitter emitter : new SseEmitter[] {first, second}) {
            assertThatThrownBy(() -> emitter.send("more")).as("the stream has ended").isInstanceOf(IllegalStateException.class);
        }
    }
}
