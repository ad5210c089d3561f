package io.oktioneer.support.worker;

import java.time.Duration;

/**
 * One named background thread (a platform daemon thread) running a loop, with the start and stop a
 * {@code SmartLifecycle} needs. The loop runs while {@link #running()}; {@link #stop()} turns that false, waits
 * up to {@code drain} for the loop to finish what it holds, then interrupts it (a wait that does not end by
 * itself, e.g. on a server that does not answer) and waits as long again.
 */
public final class SingleThreadWorker {

    private final String name;
    private final Duration drain;
    private final Runnable loop;
    private volatile boolean running;
    private Thread thread;

    public SingleThreadWorker(String name, Duration drain, Runnable loop) {
        this.name = name;
        this.drain = drain;
        this.loop = loop;
    }

    /** Starts the thread; false when it is already running. */
    public synchronized boolean start() {
        if (running) {
            return false;
        }
        running = true;
        thread = Thread.ofPlatform().name(name).daemon(true).start(loop);
        return true;
    }

    /** Asks the loop to finish and returns once it has (or was interrupted and given {@code drain} again). */
    public void stop() {
        stop(() -> { });
    }

    /**
     * As {@link #stop()}, running {@code wakeUp} once {@link #running()} is false: for a loop that waits for work
     * (e.g. on a queue), so that it notices at once rather than at the end of its wait.
     */
    public void stop(Runnable wakeUp) {
        Thread stopping;
        synchronized (this) {
            running = false;
            stopping = thread;
            thread = null;
        }
        wakeUp.run();
        if (stopping == null || stopping == Thread.currentThread()) {
            return;
        }
        try {
            if (!stopping.join(drain)) {
                stopping.interrupt();
                stopping.join(drain);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True from {@link #start()} until {@link #stop()}: what the loop checks. */
    public boolean running() {
        return running;
    }
}
