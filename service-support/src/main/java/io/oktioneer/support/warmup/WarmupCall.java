package io.oktioneer.support.warmup;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * One kind of warm-up call: the request for iteration {@code i}, the status that means it went the whole way,
 * and its share of the warm-up. A failed call pauses its kind for {@link #PAUSE_NANOS} (its server may still be
 * starting: the engine keeps its port closed while it warms up too); a kind failing for {@link #GIVE_UP_NANOS}
 * is dropped (its server is down: waiting on it would only delay readiness).
 */
public final class WarmupCall {

    private static final long PAUSE_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(20);

    private final String name;
    private final IntFunction<HttpRequest> request;
    private final int expectedStatus;
    private int quota;
    private long failingSince;
    private long pausedUntil;
    private boolean givenUp;
    private int done;
    private int failed;

    public WarmupCall(String name, IntFunction<HttpRequest> request, int expectedStatus) {
        this.name = name;
        this.request = request;
        this.expectedStatus = expectedStatus;
    }

    void quota(int calls) {
        quota = calls;
    }

    /** Still to be called: its share not done and not given up. */
    boolean pending() {
        return !givenUp && done < quota;
    }

    /** Pending and not paused after a failure. */
    boolean due(long now) {
        return pending() && now - pausedUntil >= 0;
    }

    void send(HttpClient http, int i) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(request.apply(i), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == expectedStatus) {
                done++;
                failingSince = 0;
                return;
            }
        } catch (IOException e) {
            // counted below
        }
        failed++;
        long now = System.nanoTime();
        if (failingSince == 0) {
            failingSince = now;
        }
        pausedUntil = now + PAUSE_NANOS;
        givenUp = now - failingSince >= GIVE_UP_NANOS;
    }

    public String name() {
        return name;
    }

    /** Calls answered with the expected status. */
    public int done() {
        return done;
    }

    @Override
    public String toString() {
        return name + " " + done + (failed > 0 ? " (" + failed + " failed)" : "") + (givenUp ? " given up" : "");
    }
}
