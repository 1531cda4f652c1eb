package io.telepay.redaction;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.telepay.shared.JavaMigrationBean;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 17: notes stored before the redactor read card numbers however they were typed (dots, tabs, zero-width
 * characters, numerals, words) may hold one in clear. This sweeps, once, the free text that was redacted on
 * the way in — call notes and consumers' fraud-report descriptions — with today's redactor, and rewrites what
 * it finds. A call note's findings are kept consistent: the old ones move with the text, the new ones are added.
 *
 * <p>Each rewritten row owes an audit entry. A migration cannot MAC one (the key lives with the application), so
 * it writes an {@code audit_pending} row that the audit module turns into an entry at start-up.
 */
@Component
public class StoredNotesSweep extends JavaMigrationBean {

    private final Clock clock;

    StoredNotesSweep(Clock clock) {
        super("161", "Redact card numbers in stored notes");
        this.clock = clock;
    }

    @Override
    public void migrate(Context context) throws Exception {
        sweep(context.getConnection(), clock.instant());
    }

    /** Sweeps both tables; the number of rows rewritten. Public for the test that stores a note in clear first. */
    public static int sweep(Connection connection, Instant now) throws SQLException {
        NoteRedactor redactor = new NoteRedactor();
        JsonMapper json = JsonMapper.builder().build();
        return sweepCallNotes(connection, redactor, json, now) + sweepReports(connection, redactor, json, now);
    }

    private static int sweepCallNotes(Connection connection, NoteRedactor redactor, JsonMapper json, Instant now) throws SQLException {
        record Rewrite(String id, String callId, String body, String findings, List<SecretKind> kinds) {
        }
        List<Rewrite> rewrites = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("select id, call_id, body, findings from call_note");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                Redaction redaction = redactor.redact(rows.getString("body"));
                if (redaction.redacted()) {
                    String findings = mergedFindings(json, rows.getString("findings"), redaction);
                    rewrites.add(new Rewrite(rows.getString("id"), rows.getString("call_id"), redaction.text(), findings,
                            kinds(redaction)));
                }
            }
        }
        try (PreparedStatement update = connection.prepareStatement("update call_note set body = ?, findings = ? where id = ?")) {
            for (Rewrite rewrite : rewrites) {
                update.setString(1, rewrite.body());
                update.setString(2, rewrite.findings());
                update.setString(3, rewrite.id());
                update.executeUpdate();
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("noteId", rewrite.id());
                details.put("removed", rewrite.kinds().stream().map(Enum::name).toList());
                details.put("by", "V161 sweep with the matcher of issue 17");
                owe(connection, json, "call.note-redacted", rewrite.callId(), details, now);
            }
        }
        return rewrites.size();
    }

    private static int sweepReports(Connection connection, NoteRedactor redactor, JsonMapper json, Instant now) throws SQLException {
        Map<String, Redaction> rewrites = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("select id, description from trust_report");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                Redaction redaction = redactor.redact(rows.getString("description"));
                if (redaction.redacted()) {
                    rewrites.put(rows.getString("id"), redaction);
                }
            }
        }
        try (PreparedStatement update = connection.prepareStatement("update trust_report set description = ? where id = ?")) {
            for (var rewrite : rewrites.entrySet()) {
                update.setString(1, rewrite.getValue().text());
                update.setString(2, rewrite.getKey());
                update.executeUpdate();
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("removed", kinds(rewrite.getValue()).stream().map(Enum::name).toList());
                details.put("by", "V161 sweep with the matcher of issue 17");
                owe(connection, json, "trust.report-redacted", rewrite.getKey(), details, now);
            }
        }
        return rewrites.size();
    }

    /**
     * The stored findings moved to where their placeholders stand in the rewritten text, and the new ones added,
     * left to right, in the shape the call module writes ({@code kind, placeholder, reason, start, end}).
     */
    static String mergedFindings(JsonMapper json, String stored, Redaction redaction) {
        List<ObjectNode> all = new ArrayList<>();
        JsonNode old = stored == null || stored.isBlank() ? json.createArrayNode() : json.readTree(stored);
        for (JsonNode finding : old) {
            int start = finding.get("start").asInt();
            int end = finding.get("end").asInt();
            int shift = 0;
            for (Finding added : redaction.findings()) {
                if (added.end() <= start) {
                    shift += added.placeholder().length() - (added.end() - added.start());
                }
            }
            ObjectNode moved = ((ObjectNode) finding).deepCopy();
            moved.put("start", start + shift);
            moved.put("end", end + shift);
            all.add(moved);
        }
        for (Finding added : redaction.findings()) {
            ObjectNode node = json.createObjectNode();
            node.put("kind", added.kind().name());
            node.put("placeholder", added.placeholder());
            node.put("reason", added.reason());
            node.put("start", added.redactedStart());
            node.put("end", added.redactedEnd());
            all.add(node);
        }
        all.sort(Comparator.comparingInt(node -> node.get("start").asInt()));
        ArrayNode array = json.createArrayNode();
        all.forEach(array::add);
        return json.writeValueAsString(array);
    }

    private static List<SecretKind> kinds(Redaction redaction) {
        Set<SecretKind> kinds = EnumSet.noneOf(SecretKind.class);
        redaction.findings().forEach(finding -> kinds.add(finding.kind()));
        return List.copyOf(kinds);
    }

    private static void owe(Connection connection, JsonMapper json, String action, String subject, Map<String, Object> details,
                            Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into audit_pending (id, action, subject, details, recorded_at) values (?, ?, ?, ?, ?)")) {
            insert.setString(1, "aup_" + UUID.randomUUID().toString().replace("-", ""));
            insert.setString(2, action);
            insert.setString(3, subject);
            insert.setString(4, json.writeValueAsString(details));
            insert.setObject(5, now.atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }
}
