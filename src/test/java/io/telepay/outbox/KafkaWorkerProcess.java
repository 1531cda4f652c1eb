package io.telepay.outbox;

import io.telepay.TelepayApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A worker instance in a JVM of its own, for {@link KafkaScaleOutSystemTest} to kill; the arguments are its settings. */
public final class KafkaWorkerProcess {

    private KafkaWorkerProcess() {
    }

    public static void main(String[] args) {
        new SpringApplicationBuilder(TelepayApplication.class).profiles("test").run(args);
    }
}
