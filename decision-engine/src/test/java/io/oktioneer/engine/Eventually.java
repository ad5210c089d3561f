package io.oktioneer.engine;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls a condition until it holds or the deadline passes (no fixed sleeps). */
final class Eventually {

    private Eventually() {
    }

    /** Returns the first value that satisfies {@code done}, or fails with the last one seen. */
    static <T> T within(Duration deadline, Supplier<T> probe, java.util.function.Predicate<T> done, String what) {
        long end = System.nanoTime() + deadline.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + deadline + ": " + what + "; last seen: " + last);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = probe.get();
        }
        return last;
    }
}
