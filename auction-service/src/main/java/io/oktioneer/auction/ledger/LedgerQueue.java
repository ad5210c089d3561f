package io.oktioneer.auction.ledger;

import io.oktioneer.auction.auction.AuctionKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The writer's queue: request threads offer, the writer thread takes batches of at most {@code maxBatch}, waiting
 * up to {@code linger} for more once it has a first command. A batch holds one command per auction; the others
 * are carried to the next batch (they will see the first's effect). Only the writer thread takes.
 */
final class LedgerQueue {

    private final LedgerProperties properties;
    private final LinkedBlockingQueue<Submission> queue;
    private final ArrayDeque<Submission> carried = new ArrayDeque<>();

    LedgerQueue(LedgerProperties properties) {
        this.properties = properties;
        this.queue = new LinkedBlockingQueue<>(properties.queueCapacity());
    }

    /** False when the queue is full. */
    boolean offer(Submission submission) {
        return queue.offer(submission);
    }

    /** Fills {@code batch}; false when no command came within {@code waitMillis}. */
    boolean take(List<Submission> batch, long waitMillis) throws InterruptedException {
        Submission first = carried.poll();
        if (first == null) {
            first = queue.poll(waitMillis, TimeUnit.MILLISECONDS);
        }
        if (first == null) {
            return false;
        }
        batch.add(first);
        fill(batch);
        return true;
    }

    private void fill(List<Submission> batch) throws InterruptedException {
        int max = properties.maxBatch();
        while (batch.size() < max && !carried.isEmpty()) {
            batch.add(carried.poll());
        }
        queue.drainTo(batch, max - batch.size());
        long lingerNanos = properties.linger().toNanos();
        if (lingerNanos > 0) {
            long until = System.nanoTime() + lingerNanos;
            while (batch.size() < max) {
                long left = until - System.nanoTime();
                Submission next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
                if (next == null) {
                    break;
                }
                batch.add(next);
                queue.drainTo(batch, max - batch.size());
            }
        }
    }

    /** One command per auction per batch; the others wait for the next batch (they will see the first's effect). */
    List<Submission> distinctAuctions(List<Submission> batch) {
        Set<AuctionKey> keys = new HashSet<>();
        List<Submission> distinct = new ArrayList<>(batch.size());
        for (Submission pending : batch) {
            if (keys.add(pending.command.key())) {
                distinct.add(pending);
            } else {
                carried.addLast(pending);
            }
        }
        return distinct;
    }
}
