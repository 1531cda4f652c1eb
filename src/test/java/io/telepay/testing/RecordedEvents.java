package io.telepay.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.telepay.fulfilment.FulfilmentCompleted;
import io.telepay.payment.PaymentCaptured;
import io.telepay.payment.PaymentDeclined;
import io.telepay.payment.PaymentSessionCreated;
import io.telepay.trust.FraudReported;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Hears the sale's domain events once the transaction that published them committed, as other modules
 * do. Found by the system tests' component scan; tests ask it for the events of one type. (One method
 * per type: a listener for every object would make the event registry store framework events too.)
 * Not for events that tests publish from many threads at once (a refund): the registry marks a
 * listener's publication complete in a transaction of its own while the publishing one still holds its
 * connection, so more concurrent publishers than pooled connections would wait for each other. Read
 * those from the outbox ({@code event_publication}) instead.
 */
@Component
public class RecordedEvents {

    private final List<Object> events = new CopyOnWriteArrayList<>();

    @TransactionalEventListener
    void on(PaymentSessionCreated event) {
        events.add(event);
    }

    @TransactionalEventListener
    void on(PaymentCaptured event) {
        events.add(event);
    }

    @TransactionalEventListener
    void on(PaymentDeclined event) {
        events.add(event);
    }

    @TransactionalEventListener
    void on(FulfilmentCompleted event) {
        events.add(event);
    }

    @TransactionalEventListener
    void on(FraudReported event) {
        events.add(event);
    }

    @TransactionalEventListener
    void on(io.telepay.payment.PaymentVoided event) {
        events.add(event);
    }

    @TransactionalEventListener
    void on(io.telepay.payment.RefundRequested event) {
        events.add(event);
    }

    @TransactionalEventListener
    void on(io.telepay.payment.ChargebackReceived event) {
        events.add(event);
    }

    @TransactionalEventListener
    void on(io.telepay.payment.ChargebackForFraud event) {
        events.add(event);
    }

    public <T> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
