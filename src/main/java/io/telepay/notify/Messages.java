package io.telepay.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.telepay.shared.Db;
import io.telepay.shared.Ids;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues messages for delivery. A message is written in the caller's transaction and delivered after
 * it commits, retried with back-off when a provider fails; every attempt's outcome is kept.
 */
@Service
public class Messages {

    static final String COLUMNS = "id, channel, recipient, subject, body, purpose, reference, status, attempts, provider, "
            + "last_error, created_at, sent_at";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Messages(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** Queues the message; it is sent once the caller's transaction commits, never if it rolls back. */
    @Transactional
    public String queue(OutboundMessage message) {
        String id = Ids.next("msg_");
        jdbc.sql("""
                insert into notify_message (id, channel, recipient, subject, body, purpose, reference, status, attempts, created_at)
                values (:id, :channel, :to, :subject, :body, :purpose, :reference, 'QUEUED', 0, :now)""")
                .param("id", id).param("channel", message.channel().name()).param("to", message.to())
                .param("subject", message.subject()).param("body", message.body()).param("purpose", message.purpose())
                .param("reference", message.reference()).param("now", Db.ts(clock.instant()))
                .update();
        events.publishEvent(new MessageQueued(id));
        return id;
    }

    public Optional<SentMessage> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from notify_message where id = :id").param("id", id)
                .query(Messages::map).optional();
    }

    /** Newest first; {@code before} is the id of the last message of the previous page. */
    public List<SentMessage> recent(String reference, String before, int limit) {
        return jdbc.sql("select " + COLUMNS + """
                 from notify_message
                where (cast(:reference as varchar) is null or reference = :reference)
                  and (cast(:before as varchar) is null
                       or created_at < (select created_at from notify_message where id = :before)
                       or (created_at = (select created_at from notify_message where id = :before) and id < :before))
                order by created_at desc, id desc limit :limit""")
                .param("reference", reference).param("before", before).param("limit", limit)
                .query(Messages::map).list();
    }

    static SentMessage map(ResultSet rs, int row) throws SQLException {
        return new SentMessage(rs.getString("id"), Channel.valueOf(rs.getString("channel")), rs.getString("recipient"),
                rs.getString("subject"), rs.getString("body"), rs.getString("purpose"), rs.getString("reference"),
                rs.getString("status"), rs.getInt("attempts"), rs.getString("provider"), rs.getString("last_error"),
                Db.instant(rs, "created_at"), Db.instant(rs, "sent_at"));
    }
}
