package io.oktioneer.gateway.ratelimit;

/** A token bucket: refilled at {@code perSecond} tokens per second, holding at most {@code burst}. */
public record Limit(long perSecond, long burst) {

    public static final long MAX = 1_000_000_000L;

    public Limit {
        if (perSecond < 1 || burst < 1 || perSecond > MAX || burst > MAX) {
            throw new IllegalArgumentException("perSecond and burst must be 1.." + MAX);
        }
    }
}
