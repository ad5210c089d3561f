package io.oktioneer.gateway.warmup;

import io.oktioneer.contracts.Role;
import io.oktioneer.gateway.apikey.ApiKey;
import io.oktioneer.gateway.apikey.ApiKeyRegistry;
import io.oktioneer.gateway.apikey.ApiKeySecrets;
import io.oktioneer.gateway.ratelimit.Limit;
import io.oktioneer.support.warmup.WarmupBodies;
import io.oktioneer.support.warmup.WarmupCall;
import io.oktioneer.support.warmup.WarmupConfiguration;
import io.oktioneer.support.warmup.WarmupRun;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Readiness waits until the gateway's request path is warm (health component {@code warmup}, in the readiness
 * group): a gateway that reported ready at once took 0.4–2.7 s per call for its first ~9 s under 40
 * evaluations/s while the JIT compiled the filter chain, the proxy and the Redis rate limiter (fault suite, issue
 * #14). Once the stored keys are read, the gateway calls itself over loopback, all read-only: evaluations that
 * the auction-service refuses at its parser's last check (400: authentication, the rate limiter, routing, the
 * proxy both ways), reads of auctions that do not exist (404) and calls without a key (401, the gateway's own
 * problem answer).
 *
 * <p>The routed calls authenticate with a key made for the warm-up: random, held only in this gateway's memory
 * (never stored, never logged), revoked when the warm-up ends. Its rate-limit buckets in Redis expire like any
 * key's. With TLS on, the calls go over https to 127.0.0.1, trusting the gateway's own certificate.
 */
@Component
@Import(WarmupConfiguration.class)
class GatewayWarmup {

    static final String KEY_ID = "gateway-warmup";

    private final WarmupRun warmup;
    private final ApiKeyRegistry keys;
    private final JsonMapper json;
    private final LoopbackClient loopback;

    GatewayWarmup(WarmupRun warmup, ApiKeyRegistry keys, JsonMapper json, LoopbackClient loopback) {
        this.warmup = warmup;
        this.keys = keys;
        this.json = json;
        this.loopback = loopback;
    }

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        OptionalInt serving = warmup.servingPort(event);
        if (serving.isEmpty()) {
            return;
        }
        String self = loopback.baseUrl(serving.getAsInt());
        String key = ApiKeySecrets.newKey();
        keys.activate(ApiKeySecrets.hash(key), new ApiKey(KEY_ID, Role.BIDDER, null, null,
                new Limit(Limit.MAX, Limit.MAX)));
        warmup.start("the stored keys", keys::loaded, calls(self, key), loopback, () -> keys.revoke(KEY_ID));
    }

    private List<WarmupCall> calls(String self, String key) {
        URI evaluate = URI.create(self + "/api/v1/auctions/evaluate");
        return List.of(
                new WarmupCall("evaluateRefused", i -> request(evaluate, key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                json.writeValueAsString(WarmupBodies.refusedEvaluation(i)))).build(), 400),
                new WarmupCall("auctionRead", i -> request(URI.create(self + "/api/v1/auctions/warmup/warmup-" + i),
                        key).GET().build(), 404),
                new WarmupCall("unauthenticated", i -> request(evaluate, null)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), 401));
    }

    private static HttpRequest.Builder request(URI uri, String key) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5));
        return key == null ? builder : builder.header("Authorization", "Bearer " + key);
    }
}
