package io.oktioneer.auction.ledger;

import io.oktioneer.testsupport.ApplicationYaml;
import java.time.Duration;
import java.util.Map;

/** The writer's settings of the service's application.yml, with a batch size, linger and queue of a test's own. */
public final class LedgerSettings {

    private LedgerSettings() {
    }

    public static LedgerProperties of(int maxBatch, Duration linger, int queueCapacity) {
        return ApplicationYaml.load().bind(LedgerProperties.class, Map.of("oktioneer.ledger.max-batch", maxBatch,
                "oktioneer.ledger.linger", linger, "oktioneer.ledger.queue-capacity", queueCapacity));
    }
}
