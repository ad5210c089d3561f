package io.oktioneer.support.outbox;

import java.util.List;

/** The relay's side of Kafka. */
interface OutboxSender extends AutoCloseable {

    /**
     * Sends the rows in order and waits for Kafka's acknowledgements; returns how many rows from the first were
     * acknowledged, each with every row before it (the rest are sent again: a record is never left behind a
     * later one of its key).
     */
    int send(List<OutboxRecord> rows) throws InterruptedException;

    @Override
    void close();
}
