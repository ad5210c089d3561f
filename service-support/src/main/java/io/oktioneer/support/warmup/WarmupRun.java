package io.oktioneer.support.warmup;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * A service's warm-up: once {@code startWhen} holds (its index loaded, its keys read), the calls are sent in
 * turn until each has its share of {@link WarmupProperties#requests()} or {@link WarmupProperties#maxDuration()}
 * has passed (then the service reports ready anyway: a cold service is better than none). {@link #health()} is
 * the service's {@code warmup} health component (this bean, named so): out of service until the warm-up is done, so
 * readiness waits for it (issue #14: a restarted service that reported ready at once answered its first callers
 * late while the JIT compiled its hot paths under traffic).
 */
public final class WarmupRun implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(WarmupRun.class);

    private final WarmupProperties properties;
    private volatile Health health;

    public WarmupRun(WarmupProperties properties) {
        this.properties = properties;
        this.health = properties.enabled() ? Health.outOfService().withDetail("warmup", "not started").build()
                : disabled();
    }

    public boolean enabled() {
        return properties.enabled();
    }

    @Override
    public Health health() {
        return health;
    }

    /**
     * The port the started service serves on, to warm up through; empty when there is nothing to warm up
     * (disabled, or no web server), and then the service is ready at once. With the main port closed for the
     * warm-up ({@link WarmupPort}) Tomcat reports it as -1: {@link WarmupPort#port} gives the warm-up's own.
     */
    public OptionalInt servingPort(ApplicationReadyEvent event) {
        if (!properties.enabled() || !(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
            skip();
            return OptionalInt.empty();
        }
        return OptionalInt.of(web.getWebServer().getPort());
    }

    /** No warm-up (disabled, or no web server to call): ready at once. */
    public void skip() {
        health = disabled();
    }

    /**
     * Starts the warm-up on a thread of its own; {@code after} runs when it ends, whatever happened (opening the
     * port, revoking a key).
     */
    public void start(String waitingFor, BooleanSupplier startWhen, List<WarmupCall> calls, Runnable after) {
        start(waitingFor, startWhen, calls, WarmupRun::plainHttp, after);
    }

    /** The same with the client the calls go through (TLS to the service itself). */
    public void start(String waitingFor, BooleanSupplier startWhen, List<WarmupCall> calls,
                      Supplier<HttpClient> client, Runnable after) {
        Thread.ofPlatform().name("warmup").daemon().start(() -> {
            try {
                run(waitingFor, startWhen, calls, client);
            } finally {
                after.run();
            }
        });
    }

    void run(String waitingFor, BooleanSupplier startWhen, List<WarmupCall> calls, Supplier<HttpClient> client) {
        long start = System.nanoTime();
        long deadline = start + properties.maxDuration().toNanos();
        health = Health.outOfService().withDetail("warmup", "waiting for " + waitingFor).build();
        while (!startWhen.getAsBoolean() && System.nanoTime() < deadline) {
            if (!sleep(200)) {
                return;
            }
        }
        health = Health.outOfService().withDetail("warmup", "running").build();
        calls.forEach(call -> call.quota(Math.max(1, properties.requests() / calls.size())));
        try (HttpClient http = client.get()) {
            int i = 0;
            while (calls.stream().anyMatch(WarmupCall::pending) && System.nanoTime() < deadline) {
                boolean sent = false;
                for (WarmupCall call : calls) {
                    if (call.due(System.nanoTime())) {
                        call.send(http, i++);
                        sent = true;
                    }
                }
                if (!sent && !sleep(100)) { // every pending kind is paused after a failure
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        log.info("warm-up done in {} ms: {}", took, calls);
        Health.Builder up = Health.up().withDetail("warmup", "done").withDetail("millis", took);
        calls.forEach(call -> up.withDetail(call.name(), call.done()));
        health = up.build();
    }

    private static HttpClient plainHttp() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    private static Health disabled() {
        return Health.up().withDetail("warmup", "disabled").build();
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
