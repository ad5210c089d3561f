package io.oktioneer.auction.ledger;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The group-commit writer ({@code oktioneer.ledger.*}). The writer has a connection of its own.
 *
 * <p>Defaults: the service's application.yml (the one place; deploy-checks compares deployments against it).
 *
 * @param maxBatch       at most this many commands per transaction
 * @param linger         how long a batch may wait for more once it has its first command (0: take what queued up
 *                       during the previous commit)
 * @param queueCapacity  commands waiting for a batch, at most
 * @param connectTimeout bounds opening the writer's connection (pgjdbc counts whole seconds)
 * @param commandTimeout how long a result or an expiry waits for its batch (an evaluation waits until its tmaxMs)
 * @param circuitOpenFor after a lost connection the writer fails batches at once for this long before it tries
 *                       the database again
 */
@ConfigurationProperties("oktioneer.ledger")
public record LedgerProperties(int maxBatch,
                               Duration linger,
                               int queueCapacity,
                               Duration connectTimeout,
                               Duration commandTimeout,
                               Duration circuitOpenFor) {

    public LedgerProperties {
        Objects.requireNonNull(linger, "oktioneer.ledger.linger");
        Objects.requireNonNull(connectTimeout, "oktioneer.ledger.connect-timeout");
        Objects.requireNonNull(commandTimeout, "oktioneer.ledger.command-timeout");
        Objects.requireNonNull(circuitOpenFor, "oktioneer.ledger.circuit-open-for");
    }
}
