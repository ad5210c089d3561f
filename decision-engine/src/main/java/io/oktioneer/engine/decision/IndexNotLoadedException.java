package io.oktioneer.engine.decision;

/** A decision was asked for before the index finished loading: 503, the caller answers NO_BID. */
public class IndexNotLoadedException extends RuntimeException {

    public IndexNotLoadedException() {
        super("The preference index is still loading.");
    }
}
