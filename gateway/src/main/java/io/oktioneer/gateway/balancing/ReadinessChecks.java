package io.oktioneer.gateway.balancing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The active check: every {@code check-interval}, each instance of a service that has several is asked for its
 * {@code /actuator/health/readiness}; 200 in time is ready, anything else (an error status, no connection, no
 * answer within {@code check-timeout}) is not. A service with one instance is not checked: it gets every call
 * whatever its state, as before balancing. The checks run on Reactor's timer and the client's event loop, never on
 * a request's path, and are not traced (a span a second per instance would drown the real ones).
 */
@Component
class ReadinessChecks implements SmartLifecycle {

    static final String READINESS_PATH = "/actuator/health/readiness";
    /** The first round runs on a cold JVM (the client's classes, its connections): it may take that long. */
    private static final Duration FIRST_ROUND_TIMEOUT = Duration.ofSeconds(5);

    private record Target(InstancePool pool, InstancePool.Instance instance, String url) {
    }

    private final List<Target> targets = new ArrayList<>();
    private final BalancingProperties properties;
    private final WebClient client = WebClient.create();
    private volatile Disposable running;

    ReadinessChecks(ServiceInstances services, BalancingProperties properties) {
        this.properties = properties;
        for (InstancePool pool : services.pools()) {
            if (pool.size() > 1) {
                for (InstancePool.Instance instance : pool.instances()) {
                    targets.add(new Target(pool, instance,
                            instance.base.toString().replaceAll("/+$", "") + READINESS_PATH));
                }
            }
        }
    }

    @Override
    public void start() {
        if (targets.isEmpty()) {
            return;
        }
        // A round that takes longer than the interval (time-outs) drops the ticks it overlaps instead of queueing them.
        running = Flux.interval(Duration.ZERO, properties.checkInterval())
                .onBackpressureDrop()
                .concatMap(tick -> {
                    Duration timeout = tick == 0 ? FIRST_ROUND_TIMEOUT : properties.checkTimeout();
                    return Flux.fromIterable(targets).flatMap(target -> check(target, timeout)).then();
                }, 1)
                .subscribe();
    }

    private Mono<Void> check(Target target, Duration timeout) {
        return client.get().uri(target.url())
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
                .timeout(timeout)
                .map(status -> status >= 200 && status < 300 ? "" : "readiness answered " + status)
                .onErrorResume(error -> Mono.just(error.getClass().getSimpleName()))
                .doOnNext(problem -> target.pool().report(target.instance(), problem.isEmpty(), problem))
                .then();
    }

    @Override
    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
