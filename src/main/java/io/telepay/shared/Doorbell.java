package io.telepay.shared;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How a background worker waits for work: a commit that left work rings; the worker waits for a ring or at most
 * the poll interval (work another instance left, or a ring lost in a crash), then lingers a moment after a ring so
 * a burst of commits is one pass, and forgets the rings that came meanwhile — that pass takes their work too.
 */
public final class Doorbell {

    private final Semaphore rings = new Semaphore(0);
    private final Duration pollInterval;
    private final Duration linger;

    public Doorbell(Duration pollInterval, Duration linger) {
        this.pollInterval = pollInterval;
        this.linger = linger;
    }

    public void ring() {
        rings.release();
    }

    /** Returns when it is time for a pass. */
    public void await() throws InterruptedException {
        if (rings.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS) && !linger.isZero()) {
            Thread.sleep(linger);
        }
        rings.drainPermits();
    }
}
