package io.telepay.payment.web;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.telepay.payment.PaymentSessionView;
import io.telepay.payment.PaymentSessions;
import io.telepay.payment.internal.SessionRow;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Streams session changes to the agents following them. The card is entered on whichever instance the
 * customer's phone reaches, so each instance polls the database for the sessions its own followers
 * watch (one query per second for all of them) and sends a view when it changed. Open to the console
 * (named interface {@code session-events}), whose agent desk follows sessions through the browser session.
 */
@org.springframework.modulith.NamedInterface("session-events")
@Component
public class SessionEvents {

    static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

    private final Map<String, Watch> watches = new ConcurrentHashMap<>();
    private final JdbcClient jdbc;
    private final Clock clock;
    private final PaymentSessions sessions;

    SessionEvents(JdbcClient jdbc, Clock clock, PaymentSessions sessions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.sessions = sessions;
    }

    private static final class Watch {
        final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();
        volatile PaymentSessionView last;
    }

    public SseEmitter follow(PaymentSessionView current) {
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        Watch watch = watches.computeIfAbsent(current.id(), id -> new Watch());
        watch.emitters.add(emitter);
        watch.last = current;
        Runnable forget = () -> {
            watch.emitters.remove(emitter);
            if (watch.emitters.isEmpty()) {
                watches.remove(current.id(), watch);
            }
        };
        emitter.onCompletion(forget);
        emitter.onTimeout(forget);
        emitter.onError(e -> forget.run());
        send(emitter, current);
        return emitter;
    }

    @Scheduled(fixedDelayString = "${telepay.payment.events-poll:PT1S}")
    void poll() {
        if (watches.isEmpty()) {
            return;
        }
        var now = clock.instant();
        List<SessionRow> rows = jdbc.sql("select * from payment_session where id in (:ids)")
                .param("ids", List.copyOf(watches.keySet())).query(SessionRow::map).list();
        for (SessionRow row : rows) {
            Watch watch = watches.get(row.id());
            PaymentSessionView view = sessions.view(row, now);
            if (watch == null || view.equals(watch.last)) {
                continue;
            }
            watch.last = view;
            watch.emitters.forEach(emitter -> send(emitter, view));
            if (view.status() != io.telepay.payment.SessionStatus.OPEN) {
                watch.emitters.forEach(SseEmitter::complete);
            }
        }
    }

    /**
     * The server is stopping: ends every stream, so the graceful shutdown does not wait out the streams'
     * 30-minute timeout (browsers reconnect to another instance by themselves).
     */
    @EventListener(ContextClosedEvent.class)
    void endStreams() {
        watches.values().forEach(watch -> watch.emitters.forEach(SseEmitter::complete));
        watches.clear();
    }

    int following() {
        return watches.size();
    }

    private static void send(SseEmitter emitter, PaymentSessionView view) {
        try {
            emitter.send(SseEmitter.event().name("session").id(view.step().name()).data(view));
        } catch (IOException | IllegalStateException gone) {
            emitter.completeWithError(gone);
        }
    }
}
