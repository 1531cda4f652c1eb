package io.telepay.customer.lead;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.telepay.learning.Classifier;
import io.telepay.learning.Contribution;
import io.telepay.learning.LearnedModel;
import io.telepay.learning.LearnedModels;
import io.telepay.learning.ModelUnreadable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The learned lead model as the queue uses it: the ACTIVE version orders the queue, the newest SHADOW version is
 * computed and recorded beside the hand-written score. A version whose bytes cannot be read is skipped with a
 * warning (once per version), and the queue goes on with the hand-written score.
 */
@Component
class LeadModel {

    static final String KIND = "lead-conversion";
    static final int REASONS = 3;
    private static final Logger log = LoggerFactory.getLogger(LeadModel.class);

    private final LearnedModels models;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private final Map<String, String> unreadable = new ConcurrentHashMap<>();

    LeadModel(LearnedModels models) {
        this.models = models;
    }

    /** A model version ready to score. */
    record Scorer(LearnedModel version, Classifier classifier) {

        /**
         * The lead's probability now, given the hand-written score's points for it; empty for a customer who asked
         * not to be called: such a lead is never scored into the queue.
         */
        Optional<LeadModelScore> score(LeadHistory lead, Instant at, int handScore) {
            if (lead.doNotCall(at)) {
                return Optional.empty();
            }
            Map<String, Double> features = LeadFeatures.at(lead, at, handScore);
            List<LeadModelScore.Reason> reasons = classifier.contributions(features, REASONS).stream()
                    .map(LeadModel::reason).toList();
            return Optional.of(new LeadModelScore(version.id(), version.version(), version.status().name(),
                    classifier.probability(features), reasons));
        }
    }

    /** The ACTIVE version, when there is one and it can be read. */
    Optional<Scorer> active() {
        return models.active(KIND).flatMap(this::load);
    }

    /** The ACTIVE version if usable, else the newest SHADOW one: the model recorded beside each offer. */
    Optional<Scorer> current() {
        return active().or(() -> models.shadow(KIND).flatMap(this::load));
    }

    /** Why the queue is on the hand-written score although a version is ACTIVE; empty when it is not. */
    Optional<String> warning() {
        return models.active(KIND).map(LearnedModel::id).map(unreadable::get);
    }

    private Optional<Scorer> load(LearnedModel version) {
        try {
            return Optional.of(new Scorer(version, models.classifier(version.id())));
        } catch (ModelUnreadable e) {
            unreadable.put(version.id(), "model " + version.id() + " (version " + version.version() + ") cannot be read: "
                    + e.getMessage() + "; the hand-written score is used");
            if (warned.add(version.id())) {
                log.warn("lead model {} (version {}, {}) cannot be read ({}): the queue uses the hand-written score",
                        version.id(), version.version(), version.status(), e.getMessage());
            }
            return Optional.empty();
        }
    }

    /** The message key and arguments that say what a feature did, in the console's languages. */
    static LeadModelScore.Reason reason(Contribution c) {
        String feature = c.feature();
        int eq = feature.indexOf('=');
        String base = eq < 0 ? feature : feature.substring(0, eq);
        String arg = eq < 0 ? String.valueOf(Math.round(c.value())) : feature.substring(eq + 1);
        String key = "lead.model.reason." + base + (c.value() == 0 ? ".none" : "");
        return new LeadModelScore.Reason(feature, c.value(), Math.round(c.effect() * 100) / 100.0, key, List.of(arg));
    }
}
