package io.telepay.customer.lead;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.telepay.learning.Classifier;
import io.telepay.learning.Evaluation;
import io.telepay.learning.Example;
import io.telepay.learning.LearnedModel;
import io.telepay.learning.LearnedModels;
import io.telepay.learning.LogisticTraining;
import io.telepay.learning.ModelMetrics;
import io.telepay.learning.ModelStatus;
import io.telepay.learning.NewModel;
import io.telepay.shared.Db;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Trains the learned lead model from the calls that followed the queue's offers, split in time so that nothing
 * from the future leaks in:
 *
 * <pre>
 *   trainFrom ──── train ────► calibrateFrom ── calibrate ──► validateFrom ── validate ──► validateTo ── label window ──► now
 * </pre>
 *
 * A row is an offer of a lead that a call followed; its features are {@link LeadFeatures#at} the offer, its label
 * whether the customer ordered within {@code telepay.leads.model.label-window} after it. Offers younger than the
 * label window are left out: their labels are not known yet. The weights are fitted on the oldest weeks, the
 * calibration on the week after them, and the figures — the model's and the hand-written score's recorded at the
 * same offers — on the latest weeks, which neither saw. Too few labels give a FAILED version and the queue stays
 * on the hand-written score.
 */
@Service
public class LeadModelTraining {

    private static final Logger log = LoggerFactory.getLogger(LeadModelTraining.class);

    private final JdbcClient jdbc;
    private final LeadHistories histories;
    private final LearnedModels models;
    private final Clock clock;
    private final Duration labelWindow;
    private final Duration trainPeriod;
    private final Duration calibratePeriod;
    private final Duration validatePeriod;
    private final int minPositives;
    private final LogisticTraining.Options options;

    LeadModelTraining(JdbcClient jdbc, LeadHistories histories, LearnedModels models, Clock clock,
                      @Value("${telepay.leads.model.label-window:P7D}") Duration labelWindow,
                      @Value("${telepay.leads.model.train-period:P70D}") Duration trainPeriod,
                      @Value("${telepay.leads.model.calibrate-period:P7D}") Duration calibratePeriod,
                      @Value("${telepay.leads.model.validate-period:P14D}") Duration validatePeriod,
                      @Value("${telepay.leads.model.min-positives:30}") int minPositives,
                      @Value("${telepay.leads.model.epochs:10}") int epochs,
                      @Value("${telepay.leads.model.learning-rate:0.05}") double learningRate) {
        this.jdbc = jdbc;
        this.histories = histories;
        this.models = models;
        this.clock = clock;
        this.labelWindow = labelWindow;
        this.trainPeriod = trainPeriod;
        this.calibratePeriod = calibratePeriod;
        this.validatePeriod = validatePeriod;
        this.minPositives = minPositives;
        this.options = new LogisticTraining.Options(epochs, learningRate, LogisticTraining.Options.DEFAULT.seed());
    }

    /** The windows of a run at {@code now}. */
    record Windows(Instant trainFrom, Instant calibrateFrom, Instant validateFrom, Instant validateTo) {
    }

    Windows windows(Instant now) {
        Instant validateTo = now.truncatedTo(ChronoUnit.DAYS).minus(labelWindow);
        Instant validateFrom = validateTo.minus(validatePeriod);
        Instant calibrateFrom = validateFrom.minus(calibratePeriod);
        return new Windows(calibrateFrom.minus(trainPeriod), calibrateFrom, validateFrom, validateTo);
    }

    /** Nightly (and after a restart only when due), on one instance at a time. */
    @Scheduled(cron = "${telepay.leads.model.train-cron:0 30 2 * * *}", zone = "${telepay.leads.model.train-zone:Asia/Taipei}")
    @SchedulerLock(name = "lead-model-training", lockAtMostFor = "PT1H")
    public void nightly() {
        LearnedModel model = train();
        log.info("lead model version {} trained: {}", model.version(), model.status());
    }

    /** Trains a new version now from the offers up to a label window ago; SHADOW, or FAILED with the reason. */
    public LearnedModel train() {
        return train(clock.instant());
    }

    LearnedModel train(Instant now) {
        return train(now, options);
    }

    /** As {@link #train()}, as of {@code now} and with these SGD options (the benchmark compares settings). */
    LearnedModel train(Instant now, LogisticTraining.Options options) {
        Windows w = windows(now);
        Rows rows = rows(w);
        List<String> problems = new ArrayList<>();
        check("training", rows.train, problems);
        check("calibration", rows.calibrate, problems);
        check("validation", rows.validate, problems);
        if (!problems.isEmpty()) {
            return models.save(new NewModel(LeadModel.KIND, ModelStatus.FAILED, w.trainFrom(), w.calibrateFrom(),
                    w.validateFrom(), w.validateTo(), List.of(), null, null, "too few labels: " + String.join("; ", problems)
                            + "; the queue keeps the hand-written score"));
        }
        long started = System.nanoTime();
        Classifier classifier = LogisticTraining.train(rows.train, rows.calibrate, options);
        long millis = (System.nanoTime() - started) / 1_000_000;
        boolean[] outcomes = LogisticTraining.outcomes(rows.validate);
        Evaluation model = Evaluation.ofProbabilities(LogisticTraining.probabilities(classifier, rows.validate), outcomes);
        Evaluation hand = Evaluation.ofScores(rows.validateHandScores(), outcomes);
        long trainPositives = rows.train.stream().filter(Example::positive).count();
        return models.save(new NewModel(LeadModel.KIND, ModelStatus.SHADOW, w.trainFrom(), w.calibrateFrom(), w.validateFrom(),
                w.validateTo(), classifier.features(), new ModelMetrics(rows.train.size(), trainPositives, model, hand, millis),
                classifier.toBytes(), "calibrated on " + rows.calibrate.size() + " calls from " + w.calibrateFrom()
                        + "; SGD " + options.epochs() + " epochs, learning rate " + options.learningRate()));
    }

    private void check(String what, List<Example> rows, List<String> problems) {
        long positives = rows.stream().filter(Example::positive).count();
        if (positives < minPositives || rows.size() - positives < minPositives) {
            problems.add(what + " has " + positives + " orders in " + rows.size() + " calls (needs " + minPositives
                    + " orders and " + minPositives + " calls without)");
        }
    }

    /** The rows of a run, each set in offer order. */
    static final class Rows {
        final List<Example> train = new ArrayList<>();
        final List<Example> calibrate = new ArrayList<>();
        final List<Example> validate = new ArrayList<>();
        final List<Integer> validateHand = new ArrayList<>();

        double[] validateHandScores() {
            return validateHand.stream().mapToDouble(Integer::doubleValue).toArray();
        }
    }

    /** One offer that a call followed. */
    record Offer(String leadId, Instant offeredAt, int handScore) {
    }

    Rows rows(Windows w) {
        List<Offer> offers = jdbc.sql("""
                        select lead_id, offered_at, hand_score from lead_offer
                        where offered_at >= :from and offered_at < :to and contacted_at is not null
                        order by offered_at, id""")
                .param("from", Db.ts(w.trainFrom())).param("to", Db.ts(w.validateTo()))
                .query((rs, n) -> new Offer(rs.getString("lead_id"), Db.instant(rs, "offered_at"), rs.getInt("hand_score")))
                .list();
        Map<String, LeadHistory> leads = offers.isEmpty() ? Map.of() : histories.offeredBetween(w.trainFrom(), w.validateTo());
        return rows(w, offers, leads, labelWindow);
    }

    /** Pure: the examples of these offers, split by the windows. */
    static Rows rows(Windows w, List<Offer> offers, Map<String, LeadHistory> leads, Duration labelWindow) {
        Rows rows = new Rows();
        for (Offer offer : offers) {
            LeadHistory lead = leads.get(offer.leadId());
            if (lead == null || lead.doNotCall(offer.offeredAt())
                    || offer.offeredAt().isBefore(w.trainFrom()) || !offer.offeredAt().isBefore(w.validateTo())) {
                continue;
            }
            Example example = new Example(LeadFeatures.at(lead, offer.offeredAt(), offer.handScore()),
                    paidWithin(lead, offer.offeredAt(), labelWindow));
            if (offer.offeredAt().isBefore(w.calibrateFrom())) {
                rows.train.add(example);
            } else if (offer.offeredAt().isBefore(w.validateFrom())) {
                rows.calibrate.add(example);
            } else {
                rows.validate.add(example);
                rows.validateHand.add(offer.handScore());
            }
        }
        return rows;
    }

    /** The label: the customer paid for an order in {@code (at, at + window]} (an order confirmed and never paid is no sale). */
    static boolean paidWithin(LeadHistory lead, Instant at, Duration window) {
        Instant end = at.plus(window);
        return lead.payments().stream().anyMatch(p -> p.isAfter(at) && !p.isAfter(end));
    }

    /**
     * The lift of a version on the calls that followed its offers (SHADOW or ACTIVE), against the hand-written score
     * recorded at the same offers; only offers older than the label window count.
     */
    public ShadowLift shadowLift(String modelId) {
        Instant cutoff = clock.instant().minus(labelWindow);
        Map<String, double[]> scores = new HashMap<>();
        Map<String, Boolean> labels = new HashMap<>();
        jdbc.sql("""
                        select o.id, o.offered_at, o.model_probability, o.hand_score, c.paid_at
                        from lead_offer o left join customer_order c on c.customer_id = o.customer_id and c.paid_at > o.offered_at
                        where o.model_id = :model and o.contacted_at is not null and o.offered_at <= :cutoff
                          and o.model_probability is not null""")
                .param("model", modelId).param("cutoff", Db.ts(cutoff))
                .query((java.sql.ResultSet rs) -> {
                    String id = rs.getString("id");
                    Instant offered = Db.instant(rs, "offered_at");
                    Instant ordered = Db.instant(rs, "paid_at");
                    scores.put(id, new double[]{rs.getDouble("model_probability"), rs.getInt("hand_score")});
                    boolean hit = ordered != null && !ordered.isAfter(offered.plus(labelWindow));
                    labels.merge(id, hit, Boolean::logicalOr);
                });
        List<String> ids = List.copyOf(scores.keySet());
        double[] model = new double[ids.size()];
        double[] hand = new double[ids.size()];
        boolean[] y = new boolean[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            model[i] = scores.get(ids.get(i))[0];
            hand[i] = scores.get(ids.get(i))[1];
            y[i] = labels.get(ids.get(i));
        }
        Evaluation m = Evaluation.ofProbabilities(model, y);
        Evaluation h = Evaluation.ofScores(hand, y);
        return new ShadowLift(modelId, m.rows(), m.positives(), m.auc(), m.topDecileLift(), h.auc(), h.topDecileLift());
    }
}
