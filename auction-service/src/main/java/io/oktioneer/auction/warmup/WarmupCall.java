package io.oktioneer.auction.warmup;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.IntFunction;

/**
 * One kind of warm-up call: the request for iteration {@code i} and the status that means it went the whole
 * way. A kind that fails three times in a row is dropped (its server is down: waiting on it would only delay
 * readiness, which reports that server anyway).
 */
final class WarmupCall {

    private static final int GIVE_UP_AFTER = 3;

    final String name;
    private final IntFunction<HttpRequest> request;
    private final int expectedStatus;
    private int consecutiveFailures;
    int done;
    int failed;

    WarmupCall(String name, IntFunction<HttpRequest> request, int expectedStatus) {
        this.name = name;
        this.request = request;
        this.expectedStatus = expectedStatus;
    }

    boolean active() {
        return consecutiveFailures < GIVE_UP_AFTER;
    }

    void send(HttpClient http, int i) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(request.apply(i), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == expectedStatus) {
                done++;
                consecutiveFailures = 0;
                return;
            }
        } catch (IOException e) {
            // counted below
        }
        failed++;
        consecutiveFailures++;
    }

    @Override
    public String toString() {
        return name + " " + done + (failed > 0 ? " (" + failed + " failed)" : "");
    }
}
