package io.oktioneer.auction.ledger;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The group-commit writer: at most {@code maxBatch} commands per transaction; {@code linger} is how long a
 * batch may wait for more once it has its first command (0: take what queued up during the previous commit).
 */
@ConfigurationProperties("oktioneer.ledger")
public record LedgerProperties(@DefaultValue("256") int maxBatch,
                               @DefaultValue("0ms") Duration linger,
                               @DefaultValue("50000") int queueCapacity) {
}
