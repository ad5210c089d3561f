package io.oktioneer.preference.outbox;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** Wakes the relay as soon as a transaction that wrote outbox rows commits, instead of waiting for its poll. */
@Component
public class OutboxSignal {

    private final Semaphore permits = new Semaphore(0);

    public void wake() {
        if (permits.availablePermits() == 0) {
            permits.release();
        }
    }

    /** Waits until woken or {@code timeout} passes. */
    void await(Duration timeout) throws InterruptedException {
        if (permits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            permits.drainPermits();
        }
    }
}
