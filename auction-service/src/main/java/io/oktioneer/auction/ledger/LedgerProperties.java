package io.oktioneer.auction.ledger;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The group-commit writer: at most {@code maxBatch} commands per transaction; {@code linger} is how long a
 * batch may wait for more once it has its first command (0: take what queued up during the previous commit).
 * The writer has a connection of its own: {@code connectTimeout} bounds opening it (pgjdbc counts whole
 * seconds); {@code commandTimeout} is how long a result or an expiry waits for its batch (an evaluation waits
 * until its tmaxMs); after a lost connection the writer fails batches at once for {@code circuitOpenFor}
 * before it tries the database again.
 */
@ConfigurationProperties("oktioneer.ledger")
public record LedgerProperties(@DefaultValue("256") int maxBatch,
                               @DefaultValue("0ms") Duration linger,
                               @DefaultValue("50000") int queueCapacity,
                               @DefaultValue("1s") Duration connectTimeout,
                               @DefaultValue("2s") Duration commandTimeout,
                               @DefaultValue("500ms") Duration circuitOpenFor) {

    /** The defaults with a batch size, a linger and a queue capacity (tests, benchmarks). */
    public static LedgerProperties of(int maxBatch, Duration linger, int queueCapacity) {
        return new LedgerProperties(maxBatch, linger, queueCapacity, Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofMillis(500));
    }
}
