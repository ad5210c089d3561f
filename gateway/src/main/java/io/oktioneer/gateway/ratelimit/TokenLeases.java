package io.oktioneer.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens a gateway took from a key's Redis bucket ahead of need and spends locally, so that most requests of a
 * busy key need no Redis round trip (SPEC §6: leases, within the key's limit + 10 % in any second).
 *
 * <p><b>Bound.</b> A leased token is spent within {@code ttl} of the moment its lease was asked for (the
 * expiry counts from before the call to Redis, so a slow answer shortens the lease), or never: an unused token
 * expires with its lease and is lost to the key, never returned. Tokens spent in any window {@code [a, a + 1 s)}
 * were therefore granted by Redis in {@code [a - ttl, a + 1 s)}, which the bucket bounds by
 * {@code burst + perSecond × (1 s + ttl)}: at most {@code perSecond × ttl} above what the Redis bucket alone
 * allows, however many gateways share the key. {@code ttl} is at most 100 ms (10 %); the default 50 ms (5 %).
 *
 * <p><b>Size.</b> A lease asks for what this gateway spent of the key in its previous lease, twice that when
 * the previous one ran out before it expired, the most after a refusal, between 1 and {@code perSecond × ttl}
 * (Redis grants what the bucket holds of it): a quiet key takes one token per request (as without leases,
 * nothing wasted), a busy key one Redis call per lease, and keys with small limits ({@code perSecond × ttl < 2},
 * e.g. USER's 20/s) always one token per request.
 *
 * <p><b>Refusals.</b> After Redis refused a key, this gateway refuses it locally for {@code ttl}: a client
 * hammering past its limit costs one Redis call per ttl, not one per request. The tokens the bucket refills
 * meanwhile are not lost: they stay in Redis (up to burst) for the next lease, of any gateway.
 *
 * <p>Thread-safe; times are {@link System#nanoTime()} values passed in (tests pass their own).
 */
public final class TokenLeases {

    /** What a request got from the local lease. */
    public enum Local {
        /** A token was spent from the lease. */
        TAKEN,
        /** Refused: Redis refused the key less than its wait (at most ttl) ago. */
        REFUSED,
        /** Nothing local to decide with: ask Redis for a lease. */
        ASK
    }

    public static final Duration MAX_TTL = Duration.ofMillis(100);

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long ttlNanos;
    private final ConcurrentHashMap<String, Lease> leases = new ConcurrentHashMap<>();

    public TokenLeases(Duration ttl) {
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("the lease ttl must be > 0 and <= " + MAX_TTL.toMillis()
                    + " ms (the limit + 10 % bound), not " + ttl);
        }
        this.ttlNanos = ttl.toNanos();
    }

    /** The lease state of one key (created on first use). */
    public Lease of(String key) {
        Lease lease = leases.get(key);
        if (lease == null) {
            lease = leases.computeIfAbsent(key, k -> new Lease());
        }
        return lease;
    }

    /** The largest lease for a limit: {@code perSecond × ttl}, at least 1. */
    long maxLease(Limit limit) {
        return Math.max(1, limit.perSecond() * ttlNanos / NANOS_PER_SECOND); // ≤ 1e9 × 1e8: no overflow
    }

    /** One key's lease. All methods take the current {@code System.nanoTime()}. */
    public final class Lease {

        private long tokens;
        private long expiresAt;
        private long granted;
        private long spent;
        private long refusedUntil;
        private boolean refusing;
        /** Refused by Redis since the last grant: the next lease asks for the most (the bucket refilled). */
        private boolean refusedSinceGrant;
        /** Tokens Redis had left at its last answer (for {@code X-RateLimit-Remaining}). */
        private long redisRemaining;

        private Lease() {
        }

        public synchronized Local take(long now) {
            if (tokens > 0 && now - expiresAt < 0) {
                tokens--;
                spent++;
                return Local.TAKEN;
            }
            if (refusing) {
                if (now - refusedUntil < 0) {
                    return Local.REFUSED;
                }
                refusing = false;
            }
            return Local.ASK;
        }

        /** How many tokens to ask Redis for now (see the class comment). */
        public synchronized long sizeToAsk(Limit limit, long now) {
            long max = maxLease(limit);
            long wanted;
            if (refusedSinceGrant) {
                wanted = max;
            } else if (granted == 0) {
                wanted = 1;
            } else if (tokens == 0 && now - expiresAt < 0) {
                wanted = granted * 2; // ran out while it was still valid: demand is higher
            } else {
                wanted = spent;
            }
            return Math.max(1, Math.min(max, wanted));
        }

        /**
         * Redis granted {@code count} (≥ 1) tokens to a request that asked at {@code askedAt}; that request spends
         * one, the rest is spendable until {@code askedAt + ttl}.
         */
        public synchronized void granted(long count, long remainingInRedis, long askedAt, long now) {
            long expiry = askedAt + ttlNanos;
            redisRemaining = remainingInRedis;
            refusing = false;
            refusedSinceGrant = false;
            if (tokens > 0 && now - expiresAt < 0) {
                // Another lease of this key is still live (concurrent asks): pool them, expiring at the earlier end.
                tokens += count - 1;
                granted += count;
                spent++;
                if (expiry - expiresAt < 0) {
                    expiresAt = expiry;
                }
            } else {
                tokens = count - 1;
                granted = count;
                spent = 1;
                expiresAt = expiry;
            }
            if (now - expiresAt >= 0) {
                tokens = 0; // the answer came later than the ttl: nothing left to spend
            }
        }

        /** Redis refused the key: refuse it here for the ttl. */
        public synchronized void refused(long now) {
            // Tokens a concurrent ask was granted stay spendable (take() spends them first).
            redisRemaining = 0;
            refusing = true;
            refusedSinceGrant = true;
            refusedUntil = now + ttlNanos;
        }

        /** Approximate whole tokens left for the key: Redis's count at its last answer plus this lease's. */
        public synchronized long remaining(long now) {
            return redisRemaining + (now - expiresAt < 0 ? tokens : 0);
        }

        /** While refusing locally: nanoseconds until this gateway asks Redis again. */
        public synchronized long refusedForNanos(long now) {
            return refusing ? Math.max(0, refusedUntil - now) : 0;
        }
    }
}
