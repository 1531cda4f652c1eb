package io.telepay.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.PayloadApplicationEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hears every domain event once the transaction that published them committed (or at once, when published
 * outside one), as an outbox listener would. Found by the system tests' component scan; tests ask it for the
 * events of one type, or for all of them as JSON (the card-data scans read what any listener could read).
 */
@Component
public class RecordedEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<Object> events = new CopyOnWriteArrayList<>();

    @TransactionalEventListener(fallbackExecution = true)
    void on(PayloadApplicationEvent<?> published) {
        events.add(published.getPayload());
    }

    public <T> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Every event heard so far, as JSON, as the outbox stores it. */
    public List<String> json() {
        return events.stream().map(JSON::writeValueAsString).toList();
    }
}
