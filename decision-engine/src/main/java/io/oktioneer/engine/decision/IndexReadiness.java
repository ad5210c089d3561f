package io.oktioneer.engine.decision;

/**
 * Whether the index holds everything that was on Kafka at start. Until then a decision would be taken on a
 * partial index (a wrong NO_MATCH or a wrong winner), so the endpoint answers 503 instead.
 */
@FunctionalInterface
public interface IndexReadiness {

    boolean indexLoaded();
}
