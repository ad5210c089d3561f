package io.oktioneer.gateway.ratelimit;

/**
 * What the rate limiter decided for one request.
 *
 * @param allowed           whether the request may go on
 * @param limit             the bucket applied, or null when Redis could not be asked (failed open)
 * @param remaining         whole tokens left after this request
 * @param retryAfterSeconds when refused, whole seconds until a token is available (at least 1)
 */
public record RateLimitOutcome(boolean allowed, Limit limit, long remaining, long retryAfterSeconds) {

    public static final RateLimitOutcome FAILED_OPEN = new RateLimitOutcome(true, null, 0, 0);

    public boolean failedOpen() {
        return limit == null;
    }
}
