package io.oktioneer.auction.engine;

import io.oktioneer.contracts.engine.EngineResponse;

/** How an engine call ended. {@code nanos} is the time it took. */
public sealed interface EngineCall {

    long nanos();

    default double millis() {
        return nanos() / 1_000_000.0;
    }

    record Answered(EngineResponse response, long nanos) implements EngineCall {
    }

    /** The deadline passed first: NO_BID TIMEOUT. */
    record TimedOut(long nanos) implements EngineCall {
    }

    /** Refused, failed, or the circuit is open: NO_BID ENGINE_UNAVAILABLE. */
    record Unavailable(long nanos, boolean circuitOpen) implements EngineCall {
    }
}
