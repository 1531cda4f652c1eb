package io.telepay.outbox;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.stereotype.Component;

/** The outbox test's listener: hears probes, and throws for the payments it is told to fail. */
@Component
public class OutboxProbes {

    /** An event of a payment. */
    public record Probe(String paymentId, int seq) {
    }

    final List<Probe> heard = new CopyOnWriteArrayList<>();
    final Set<String> failing = ConcurrentHashMap.newKeySet();

    @OutboxListener
    void on(Probe probe) {
        if (failing.contains(probe.paymentId())) {
            throw new IllegalStateException("the receiver is down");
        }
        heard.add(probe);
    }

    List<Integer> of(String paymentId) {
        return heard.stream().filter(p -> p.paymentId().equals(paymentId)).map(Probe::seq).toList();
    }
}
