package io.telepay.learning;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.telepay.audit.AuditTrail;
import io.telepay.shared.Actors;
import io.telepay.shared.Db;
import io.telepay.shared.Ids;
import io.telepay.shared.NotFound;
import io.telepay.shared.StateConflict;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The versioned store of learned models ({@code learned_model}): each training run is one version of its kind,
 * with its windows, features, figures and bytes. A new version starts in SHADOW; a person switches it to ACTIVE
 * (the kind's former ACTIVE one is RETIRED in the same transaction) or RETIRED. Every switch is audited and
 * published as {@link LearnedModelStatusChanged}.
 */
@Service
public class LearnedModels {

    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private static final String COLUMNS = "id, kind, version, status, trained_at, train_from, train_to, validate_from, "
            + "validate_to, features, metrics, note, status_changed_at, status_changed_by";

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    /** A version's bytes never change, so a model read once is kept (a handful of versions, a few KB each). */
    private final Map<String, Classifier> loaded = new ConcurrentHashMap<>();

    LearnedModels(JdbcClient jdbc, AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Stores a trained model as the next version of its kind.
     *
     * @throws StateConflict when another run of the kind stored its version at the same moment
     */
    @Transactional
    public LearnedModel save(NewModel model) {
        String id = Ids.next("mdl_");
        Instant now = now();
        int version = jdbc.sql("select coalesce(max(version), 0) + 1 from learned_model where kind = :kind")
                .param("kind", model.kind()).query(Integer.class).single();
        try {
            jdbc.sql("""
                insert into learned_model (id, kind, version, status, trained_at, train_from, train_to, validate_from,
                    validate_to, features, metrics, note, model, status_changed_at, status_changed_by)
                values (:id, :kind, :version, :status, :now, :trainFrom, :trainTo, :validateFrom, :validateTo, :features,
                    :metrics, :note, :model, :now, :by)""")
                .param("id", id).param("kind", model.kind()).param("version", version).param("status", model.status().name())
                .param("now", Db.ts(now)).param("trainFrom", Db.ts(model.trainFrom())).param("trainTo", Db.ts(model.trainTo()))
                .param("validateFrom", Db.ts(model.validateFrom())).param("validateTo", Db.ts(model.validateTo()))
                .param("features", JSON.writeValueAsString(model.features()))
                .param("metrics", model.metrics() == null ? null : JSON.writeValueAsString(model.metrics()))
                .param("note", model.note()).param("model", model.bytes()).param("by", Actors.currentOrSystem().id())
                .update();
        } catch (DuplicateKeyException raced) {
            throw new StateConflict("Another " + model.kind() + " model was stored at the same moment; train again");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", model.kind());
        details.put("version", version);
        details.put("status", model.status().name());
        if (model.metrics() != null && model.metrics().model() != null) {
            details.put("auc", model.metrics().model().auc());
        }
        audit.record("learned-model.trained", id, details);
        return get(id);
    }

    /** The versions of a kind, newest first (at most {@code limit}). */
    public List<LearnedModel> list(String kind, int limit) {
        return jdbc.sql("select " + COLUMNS + " from learned_model where kind = :kind order by version desc limit :limit")
                .param("kind", kind).param("limit", limit).query(LearnedModels::map).list();
    }

    public Optional<LearnedModel> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from learned_model where id = :id").param("id", id)
                .query(LearnedModels::map).optional();
    }

    /** @throws NotFound naming the id */
    public LearnedModel get(String id) {
        return find(id).orElseThrow(() -> new NotFound("model", id));
    }

    /** The kind's ACTIVE version, if a person switched one on. */
    public Optional<LearnedModel> active(String kind) {
        return newest(kind, ModelStatus.ACTIVE);
    }

    /** The kind's newest SHADOW version. */
    public Optional<LearnedModel> shadow(String kind) {
        return newest(kind, ModelStatus.SHADOW);
    }

    /**
     * The version's model, ready to score.
     *
     * @throws ModelUnreadable when its bytes are missing or cannot be read; callers fall back to what they did
     *                         before learned models (and say so in a warning)
     */
    public Classifier classifier(String id) {
        Classifier known = loaded.get(id);
        if (known != null) {
            return known;
        }
        byte[] bytes = jdbc.sql("select model from learned_model where id = :id").param("id", id)
                .query((rs, n) -> rs.getBytes("model")).optional().orElse(null);
        Classifier classifier = Classifier.fromBytes(bytes);
        loaded.put(id, classifier);
        return classifier;
    }

    /**
     * Switches a version to {@code to}: ACTIVE retires the kind's current ACTIVE version; RETIRED of the ACTIVE
     * version leaves the kind without one (its users go back to their hand-written rules). Audited.
     *
     * @throws NotFound      for an unknown id
     * @throws StateConflict for a FAILED version, or a switch to the state it is in
     */
    @Transactional
    public LearnedModel changeStatus(String id, ModelStatus to) {
        LearnedModel model = jdbc.sql("select " + COLUMNS + " from learned_model where id = :id for update").param("id", id)
                .query(LearnedModels::map).optional().orElseThrow(() -> new NotFound("model", id));
        if (!model.status().mayBecome(to)) {
            throw new StateConflict("Model " + id + " is " + model.status() + " and cannot become " + to);
        }
        if (to == ModelStatus.ACTIVE) {
            for (LearnedModel former : jdbc.sql("select " + COLUMNS + " from learned_model where kind = :kind and status = 'ACTIVE' for update")
                    .param("kind", model.kind()).query(LearnedModels::map).list()) {
                write(former, ModelStatus.RETIRED);
            }
        }
        write(model, to);
        return get(id);
    }

    private void write(LearnedModel model, ModelStatus to) {
        String by = Actors.currentOrSystem().id();
        jdbc.sql("update learned_model set status = :status, status_changed_at = :now, status_changed_by = :by where id = :id")
                .param("status", to.name()).param("now", Db.ts(now())).param("by", by).param("id", model.id()).update();
        audit.record("learned-model.status-changed", model.id(), Map.of("kind", model.kind(), "version", model.version(),
                "from", model.status().name(), "to", to.name()));
        events.publishEvent(new LearnedModelStatusChanged(model.id(), model.kind(), model.status(), to));
    }

    private Optional<LearnedModel> newest(String kind, ModelStatus status) {
        return jdbc.sql("select " + COLUMNS + " from learned_model where kind = :kind and status = :status"
                        + " order by version desc limit 1")
                .param("kind", kind).param("status", status.name()).query(LearnedModels::map).optional();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static LearnedModel map(ResultSet rs, int n) throws SQLException {
        String metrics = rs.getString("metrics");
        return new LearnedModel(rs.getString("id"), rs.getString("kind"), rs.getInt("version"),
                ModelStatus.valueOf(rs.getString("status")), Db.instant(rs, "trained_at"), Db.instant(rs, "train_from"),
                Db.instant(rs, "train_to"), Db.instant(rs, "validate_from"), Db.instant(rs, "validate_to"),
                JSON.readValue(rs.getString("features"), new TypeReference<List<String>>() {
                }),
                metrics == null ? null : JSON.readValue(metrics, ModelMetrics.class), rs.getString("note"),
                Db.instant(rs, "status_changed_at"), rs.getString("status_changed_by"));
    }
}
