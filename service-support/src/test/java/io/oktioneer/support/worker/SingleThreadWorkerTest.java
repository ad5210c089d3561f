package io.oktioneer.support.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SingleThreadWorkerTest {

    @Test
    void runsTheLoopOnANamedDaemonThreadUntilStoppedAndLetsItFinish() throws InterruptedException {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        AtomicBoolean finished = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        SingleThreadWorker[] worker = new SingleThreadWorker[1];
        worker[0] = new SingleThreadWorker("test-worker", Duration.ofSeconds(30), () -> {
            ranOn.set(Thread.currentThread());
            started.countDown();
            while (worker[0].running()) {
                Thread.onSpinWait();
            }
            finished.set(true);
        });

        assertThat(worker[0].start()).isTrue();
        assertThat(worker[0].start()).as("already running").isFalse();
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(ranOn.get().getName()).isEqualTo("test-worker");
        assertThat(ranOn.get().isDaemon()).isTrue();

        worker[0].stop();
        assertThat(worker[0].running()).isFalse();
        assertThat(finished).isTrue();
        assertThat(ranOn.get().isAlive()).isFalse();
    }

    @Test
    void interruptsALoopThatDoesNotFinishWithinTheDrain() throws InterruptedException {
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        SingleThreadWorker worker = new SingleThreadWorker("stuck", Duration.ZERO, () -> {
            started.countDown();
            try {
                new CountDownLatch(1).await(); // never counted down: a wait that only an interrupt ends
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        worker.start();
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();

        worker.stop();
        assertThat(interrupted.await(20, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theWakeUpRunsOnceTheLoopIsToldToStop() {
        LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
        AtomicReference<String> last = new AtomicReference<>();
        SingleThreadWorker[] worker = new SingleThreadWorker[1];
        worker[0] = new SingleThreadWorker("waiting", Duration.ofSeconds(30), () -> {
            try {
                while (true) {
                    last.set(queue.take());
                    if (!worker[0].running()) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                last.set("interrupted");
            }
        });
        worker[0].start();

        worker[0].stop(() -> queue.add("stop"));
        assertThat(last.get()).isEqualTo("stop");
    }

    @Test
    void stoppingAWorkerNeverStartedDoesNothing() {
        SingleThreadWorker worker = new SingleThreadWorker("idle", Duration.ofSeconds(1), () -> { });
        worker.stop();
        assertThat(worker.running()).isFalse();
    }
}
