package io.telepay.outbox;

import io.telepay.outbox.internal.OutboxDispatcher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** What is waiting in the outbox, and a way to hand it over now (operations and tests). */
@Service
public class Outbox {

    private final JdbcClient jdbc;
    private final OutboxDispatcher dispatcher;

    Outbox(JdbcClient jdbc, OutboxDispatcher dispatcher) {
        this.jdbc = jdbc;
        this.dispatcher = dispatcher;
    }

    /** Events waiting for a listener, including those waiting for a retry. */
    public long pending() {
        return jdbc.sql("select count(*) from outbox_event").query(Long.class).single();
    }

    /** Hands every event that is due to its listener now; answers how many were handled. */
    public int dispatchDue() {
        return dispatcher.dispatchDue();
    }
}
