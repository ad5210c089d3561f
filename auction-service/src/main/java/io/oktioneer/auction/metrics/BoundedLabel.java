package io.oktioneer.auction.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a metric label's values bounded although they come from requests (exchange, category, brand): the first
 * {@code max} distinct values are kept as they are, every later one is counted under {@link #OTHER}. A bidder
 * sending a new brand with every auction thus adds at most {@code max} series, not one per auction; the full
 * breakdown is always in ClickHouse (the analytics API).
 */
final class BoundedLabel {

    static final String OTHER = "_other";
    static final String NONE = "_none";

    private final int max;
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();

    BoundedLabel(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive: " + max);
        }
        this.max = max;
    }

    String of(String value) {
        if (value == null || value.isEmpty()) {
            return NONE;
        }
        if (admitted.contains(value)) {
            return value;
        }
        synchronized (admitted) {
            if (admitted.size() < max) {
                admitted.add(value);
                return value;
            }
        }
        return admitted.contains(value) ? value : OTHER;
    }
}
