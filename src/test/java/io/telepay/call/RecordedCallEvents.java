package io.telepay.call;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A test listener for the call module's events, found by the system tests' component scan. It hears
 * an event only once the transaction that published it committed, as the risk module will.
 */
@Component
class RecordedCallEvents {

    private final List<Object> events = new CopyOnWriteArrayList<>();

    @TransactionalEventListener
    void on(SecretRequested event) {
        events.add(event);
    }

    @TransactionalEventListener
    void on(CardNumberInNote event) {
        events.add(event);
    }

    @TransactionalEventListener
    void on(SecretInNote event) {
        events.add(event);
    }

    @TransactionalEventListener
    void on(SuspiciousNote event) {
        events.add(event);
    }

    @TransactionalEventListener
    void on(CallStarted event) {
        events.add(event);
    }

    @TransactionalEventListener
    void on(CallEnded event) {
        events.add(event);
    }

    /** The events of one type about one call, in publication order. */
    <T> List<T> about(String callId, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).filter(event -> callId.equals(callIdOf(event))).toList();
    }

    private static String callIdOf(Object event) {
        return switch (event) {
            case SecretRequested e -> e.callId();
            case CardNumberInNote e -> e.callId();
            case SecretInNote e -> e.callId();
            case SuspiciousNote e -> e.callId();
            case CallStarted e -> e.callId();
            case CallEnded e -> e.callId();
            default -> null;
        };
    }
}
