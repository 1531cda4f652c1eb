package io.telepay.customer.lead;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import io.telepay.learning.LearnedModel;
import io.telepay.learning.LearnedModels;
import io.telepay.shared.NotFound;
import io.telepay.shared.StateConflict;
import org.springframework.stereotype.Service;

/** The learned lead model for the API and the console: what orders the queue, the versions, training now, the lift. */
@Service
public class LeadModels {

    /** At most this many versions are listed. */
    static final int VERSIONS = 50;

    private final LeadModel model;
    private final LearnedModels store;
    private final LeadModelTraining training;
    private final ReentrantLock trainingNow = new ReentrantLock();

    LeadModels(LeadModel model, LearnedModels store, LeadModelTraining training) {
        this.model = model;
        this.store = store;
        this.training = training;
    }

    /**
     * @param ordering MODEL or HAND_WRITTEN
     * @param warning  why the ACTIVE version is not used; null when nothing is wrong
     */
    public record State(String ordering, String activeModel, String warning) {
    }

    public State state() {
        String active = store.active(LeadModel.KIND).map(LearnedModel::id).orElse(null);
        boolean usable = model.active().isPresent();
        return new State(usable ? "MODEL" : "HAND_WRITTEN", active, usable ? null : model.warning().orElse(null));
    }

    /** The lead model's versions, newest first. */
    public List<LearnedModel> versions() {
        return store.list(LeadModel.KIND, VERSIONS);
    }

    /**
     * Trains a version now (SHADOW, or FAILED when there are too few labels).
     *
     * @throws StateConflict while another training run of this instance is under way
     */
    public LearnedModel trainNow() {
        if (!trainingNow.tryLock()) {
            throw new StateConflict("A lead model is being trained; try again when it is done");
        }
        try {
            return training.train();
        } finally {
            trainingNow.unlock();
        }
    }

    /** @throws NotFound when the id is not a lead model version */
    public ShadowLift lift(String modelId) {
        LearnedModel version = store.get(modelId);
        if (!LeadModel.KIND.equals(version.kind())) {
            throw new NotFound("lead model", modelId);
        }
        return training.shadowLift(modelId);
    }
}
